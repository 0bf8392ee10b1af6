"""nginx's one-second cache (deploy/nginx-proxy.conf) in front of tools/serve.sh: parameters no
page reads do not get past it, parameters a page reads do."""

import secrets
from urllib.parse import urlencode

from .test_serve import CREATE_STORY, nginx, site  # noqa: F401 (fixtures)


def test_unknown_parameters_are_answered_from_nginxs_entry_for_the_plain_page(site, nginx):  # noqa: F811
    path = site.run(CREATE_STORY, title="前端缓存键", slug="nginx-key", go_live_in=None).split()[-1]
    status, headers, plain = nginx.get(path, https=False)
    assert status == 200
    for _ in range(3):
        status, headers, body = nginx.get(f"{path}?x={secrets.token_hex(8)}", https=False)
        assert status == 200
        assert headers["X-Proxy-Cache"] == "HIT"
        assert body == plain


def test_a_parameter_a_page_reads_is_its_own_entry(site, nginx):  # noqa: F811
    nginx.get(f"/search/?{urlencode({'q': '前端'})}", https=False)
    status, headers, body = nginx.get(f"/search/?{urlencode({'q': '缓存'})}", https=False)
    assert status == 200
    assert headers["X-Proxy-Cache"] == "MISS"
    assert "“缓存”" in body.decode()
