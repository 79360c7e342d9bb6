# Sourced by the scripts, after scripts/setup has made sure Odoo 18 and PostgreSQL
# are there (OPENFIRE_SETUP_ARGS are passed to it). Leaves the caller's shell
# options alone and exposes:
#   ODOO_PYTHON      the interpreter that imports odoo
#   ODOO_ADDONS_PATH Odoo's addons, plus this repository unless the addon is
#                    installed as a Python package (pip install ./openfire_crm_stage)
#   ODOO_FILESTORE   the folder holding each database's filestore
#   REPO_ROOT        this repository
#   run_odoo ARGS    runs Odoo with that addons path

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC2086  # OPENFIRE_SETUP_ARGS holds several flags
ODOO_PYTHON=$("$REPO_ROOT/scripts/setup" --print-python ${OPENFIRE_SETUP_ARGS:-}) || exit 1

odoo_addons=$("$ODOO_PYTHON" -c '
import os, odoo
root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
print(os.path.join(root, "addons"))')
if [[ ! -d $odoo_addons/crm ]]; then
    echo "Odoo was found but its addons/ (with crm) is not next to the odoo package:" \
        "$odoo_addons" >&2
    exit 2
fi
ODOO_FILESTORE=$("$ODOO_PYTHON" -c 'import odoo; print(odoo.tools.config.filestore(""))')

installed_addon=$("$ODOO_PYTHON" -c '
import importlib.util
spec = importlib.util.find_spec("odoo.addons.openfire_crm_stage")
print(spec.submodule_search_locations[0] if spec else "")' 2>/dev/null)
if [[ -n $installed_addon ]]; then
    echo "Using openfire_crm_stage installed as a Python package: $installed_addon" >&2
    ODOO_ADDONS_PATH="$odoo_addons"
else
    ODOO_ADDONS_PATH="$odoo_addons,$REPO_ROOT"
fi

run_odoo() {
    "$ODOO_PYTHON" -m odoo --addons-path="$ODOO_ADDONS_PATH" "$@"
}
