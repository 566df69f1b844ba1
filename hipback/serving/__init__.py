"""Serving the code-free apps: Voilà on loopback by default, offline, with kernel limits."""

from hipback.serving.voila_server import APPS, LANDING, ServeOptions, app_url, serve

__all__ = ["APPS", "LANDING", "ServeOptions", "app_url", "serve"]
