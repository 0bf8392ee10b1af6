from django.dispatch import Signal

# Sent with ``request`` and ``response`` when the page cache answers a request without running
# its view: for what must see every request a view answers (search counts its queries).
served_from_cache = Signal()
