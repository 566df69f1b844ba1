#!/usr/bin/env bash
# The Littlest JupyterHub (https://tljh.jupyter.org) for hipback on ONE server.
# Ubuntu 22.04/24.04, run as a sudo user; see README.md (sizes: the capacity sheet).
# Read it before running it: it installs a JupyterHub and opens it on port 80.
set -euo pipefail

ADMIN="${ADMIN:-lecturer}"                     # the hub's first admin user
KIT_REPO="${KIT_REPO:?set KIT_REPO to the git URL of the kit}"
KIT_BRANCH="${KIT_BRANCH:-main}"

# 1. TLJH itself (its installer; JupyterHub, the proxy and the idle culler come with it).
sudo apt-get update
sudo apt-get install -y python3 python3-dev git curl
curl -L https://tljh.jupyter.org/bootstrap.py | sudo -E python3 - --admin "$ADMIN"

# 2. The kit in the students' environment (/opt/tljh/user), with the [hub] extra
#    (nbgitpuller, jupyterhub-idle-culler). Students' own copies of the lessons come
#    from the nbgitpuller link; the package itself is installed once, here.
sudo git clone --branch "$KIT_BRANCH" "$KIT_REPO" /opt/hipback-src
sudo -E /opt/tljh/user/bin/pip install "/opt/hipback-src[hub]"

# 3. Per-student limits and the idle culler, from the capacity sheet.
sudo tljh-config set limits.memory 1G
sudo tljh-config set limits.cpu 1
sudo tljh-config set services.cull.enabled True
sudo tljh-config set services.cull.timeout 3600
sudo tljh-config set services.cull.every 300
sudo tljh-config set services.cull.max_age 28800
sudo tljh-config set user_environment.default_app jupyterlab
sudo tljh-config reload

# 4. HTTPS before students log in (replace the address and e-mail).
# sudo tljh-config set https.enabled true
# sudo tljh-config set https.letsencrypt.email you@example.edu
# sudo tljh-config add-item https.letsencrypt.domains hub.example.edu
# sudo tljh-config reload proxy

# 5. The class links (print them on the course page):
#   hipback class-link --hub https://hub.example.edu --repo "$KIT_REPO"
#   hipback class-link --hub https://hub.example.edu --repo "$KIT_REPO" --open explorer
