"""Serving the kit to a class: Voila apps on this machine and JupyterHub links."""
