def address_from_proxy(request):
    """The client's address as nginx saw it (X-Real-IP, set by deploy/nginx-proxy.conf).

    AXES_CLIENT_IP_CALLABLE in production: without it, every request through nginx would count
    as 127.0.0.1's, and one guesser would lock an editor out from everywhere.
    """
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")
