"""What pages tell machines: description, canonical address, Open Graph, JSON-LD, robots.txt.

Search engines, WeChat and other link previews read a page's <head>, not its body. Every
absolute address in it is on SITE_URL (bulletin.siteurl), never the host a request came to.
The tags are in templatetags/seo_tags.py and used by templates/base.html and the story
templates; the dates a story gives machines are worked out in metadata.py.
"""
