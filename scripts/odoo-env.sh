# Sourced by the scripts: finds Odoo 18 the way addon tooling does and exposes
#   ODOO_PYTHON      the interpreter that imports odoo
#   ODOO_ADDONS_PATH Odoo's addons, plus this repository unless the addon is
#                    installed as a Python package (pip install ./openfire_crm_stage)
#   ODOO_FILESTORE   the folder holding each database's filestore
#   REPO_ROOT        this repository
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

find_odoo_python() {
    local odoo_bin shebang
    if odoo_bin=$(command -v odoo); then
        shebang=$(head -n 1 "$(readlink -f "$odoo_bin")")
        if [[ $shebang == "#!"* ]] && ${shebang#\#!} -c "import odoo" 2>/dev/null; then
            echo "${shebang#\#!}"
            return
        fi
    fi
    if python3 -c "import odoo" 2>/dev/null; then
        command -v python3
        return
    fi
    cat >&2 <<'MSG'
Odoo 18 was not found: neither an `odoo` command on PATH nor an `odoo` package
importable by python3. Install Odoo 18.0 Community (its source tree, then
`pip install -r requirements.txt` and `pip install --no-deps -e .` in it, or link a
virtualenv's `odoo` onto PATH), plus `pip install phonenumbers`, and run again.
MSG
    exit 2
}

ODOO_PYTHON=$(find_odoo_python)
odoo_addons=$("$ODOO_PYTHON" -c '
import os, odoo
root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
print(os.path.join(root, "addons"))')
if [[ ! -d $odoo_addons/crm ]]; then
    echo "Odoo was found but its addons/ (with crm) is not next to the odoo package: $odoo_addons" >&2
    exit 2
fi
if ! "$ODOO_PYTHON" -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 18)'; then
    echo "This module needs Odoo 18; found: $("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.version)')" >&2
    exit 2
fi

ODOO_FILESTORE=$("$ODOO_PYTHON" -c 'import odoo; print(odoo.tools.config.filestore(""))')

installed_addon=$("$ODOO_PYTHON" -c '
import importlib.util
spec = importlib.util.find_spec("odoo.addons.openfire_crm_stage")
print(spec.submodule_search_locations[0] if spec else "")' 2>/dev/null || true)
if [[ -n $installed_addon ]]; then
    echo "Using openfire_crm_stage installed as a Python package: $installed_addon" >&2
    ODOO_ADDONS_PATH="$odoo_addons"
else
    ODOO_ADDONS_PATH="$odoo_addons,$REPO_ROOT"
fi

run_odoo() {
    "$ODOO_PYTHON" -m odoo --addons-path="$ODOO_ADDONS_PATH" "$@"
}
