# Sourced by the scripts, after scripts/setup has made sure Odoo of the series and
# PostgreSQL are there (OPENFIRE_SETUP_ARGS are passed to it). The series is
# OPENFIRE_SERIES, else the newest of the repository's folders (19.0, 18.0...).
# Leaves the caller's shell options alone and exposes:
#   SERIES           the Odoo series (a folder of this repository holding its addons)
#   SERIES_ROOT      that folder
#   ODOO_PYTHON      the interpreter that imports odoo
#   ODOO_ADDONS      Odoo's own addons folder (crm, sale_crm, ...)
#   ODOO_ADDONS_PATH Odoo's addons, plus the series' folder unless the addons are
#                    installed as Python packages (pip install ./19.0/openfire_crm_stage)
#   ODOO_FILESTORE   the folder holding each database's filestore
#   REPO_ROOT        this repository
#   OPENFIRE_ADDON   the folder of openfire_crm_stage that Odoo loads
#   FAMILY           the series' addons (openfire_crm_stage and those it depends
#                    on); addon_dir NAME: the folder Odoo loads of one
#   WITH_DEMO / WITHOUT_DEMO  the arguments (arrays) that make a new database get
#                    demo data, or none: 18.0 loads it unless told not to, 19.0 only
#                    when asked
#   run_odoo ARGS    runs Odoo with that addons path
#   free_ports N     prints N distinct TCP ports free on 127.0.0.1 right now
#   start_odoo LOG ARGS...  serves Odoo on 127.0.0.1:$http_port (pid: server_pid)
#   stop_odoo        stops it (SIGTERM) and waits for it and its workers
#   check NAME COMMAND...  counts a check in passed or failed: COMMAND succeeds
#   test_report LOG  "FAILED ERRORS TESTS" from the report Odoo logged in LOG
#   run_test_files DB LOG_DIR FILE...  runs each test file on DB (see below)

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERIES=${OPENFIRE_SERIES:-$(cd "$REPO_ROOT" && ls -d [0-9]*.0 | sort -V | tail -n 1)}
SERIES_ROOT=$REPO_ROOT/$SERIES
# shellcheck disable=SC2086  # OPENFIRE_SETUP_ARGS holds several flags
ODOO_PYTHON=$("$REPO_ROOT/scripts/setup" --series "$SERIES" --print-python \
    ${OPENFIRE_SETUP_ARGS:-}) || exit 1

# the series' addons: openfire_crm_stage on top, the family it depends on
FAMILY=()
for manifest in "$SERIES_ROOT"/*/__manifest__.py; do
    FAMILY+=("$(basename "$(dirname "$manifest")")")
done
{ read -r ODOO_ADDONS; read -r ODOO_FILESTORE; read -r installed_addon; } < <("$ODOO_PYTHON" -c '
import importlib.util, os, odoo.release
from odoo.tools import config
print(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(odoo.release.__file__))), "addons"))
print(config.filestore(""))
spec = importlib.util.find_spec("odoo.addons.openfire_crm_stage")
print(spec.submodule_search_locations[0] if spec else "")')
if [[ ! -d $ODOO_ADDONS/crm ]]; then
    echo "Odoo was found but its addons/ (with crm) is not next to the odoo package:" \
        "$ODOO_ADDONS" >&2
    exit 2
fi
if [[ -n $installed_addon ]]; then
    echo "Using the addons installed as Python packages: $(dirname "$installed_addon")" >&2
    ODOO_ADDONS_PATH="$ODOO_ADDONS"
else
    ODOO_ADDONS_PATH="$ODOO_ADDONS,$SERIES_ROOT"
fi
OPENFIRE_ADDON=${installed_addon:-$SERIES_ROOT/openfire_crm_stage}
# addon_dir NAME: the folder of one of the family that Odoo loads
addon_dir() { echo "$(dirname "$OPENFIRE_ADDON")/$1"; }

if ((${SERIES%%.*} >= 19)); then WITH_DEMO=(--with-demo) WITHOUT_DEMO=()
else WITH_DEMO=() WITHOUT_DEMO=(--without-demo=all); fi

run_odoo() {
    "$ODOO_PYTHON" -m odoo --addons-path="$ODOO_ADDONS_PATH" "$@"
}

free_ports() {  # free_ports N: N distinct TCP ports free right now on 127.0.0.1
    "$ODOO_PYTHON" -c 'import socket, sys
sockets = [socket.create_server(("127.0.0.1", 0)) for _ in range(int(sys.argv[1]))]
print(*(sock.getsockname()[1] for sock in sockets))' "$1"
}

start_odoo() {  # started directly, not through run_odoo: $! is Odoo's own pid
    local log=$1
    shift
    "$ODOO_PYTHON" -m odoo --addons-path="$ODOO_ADDONS_PATH" --http-interface=127.0.0.1 \
        --http-port="$http_port" "$@" >"$log" 2>&1 &
    server_pid=$!
    for _second in $(seq 90); do
        curl -sf -o /dev/null "http://127.0.0.1:$http_port/web/login" && return
        kill -0 "$server_pid" 2>/dev/null && sleep 1 || break
    done
    echo "Odoo does not answer on port $http_port: see $log"
    return 1
}

stop_odoo() {
    [[ -n ${server_pid:-} ]] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true  # 143: stopped by the SIGTERM
    server_pid=
}

passed=0 failed=0
check() {
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)) && echo "ok: $name"
    else failed=$((failed + 1)) && echo "FAILED: $name"; fi
}

test_report() {
    grep -oE "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading" "$1" \
        | tail -n 1 | awk '{print $1, $3, $6}'
}

# Runs test files on DB's loaded registry, so that at_install tests too meet every
# installed module. Up to 18.0, each file in its own Odoo with --test-file, which
# runs them all (--test-enable with tags that select no other test only makes
# Odoo log its report). From 19.0, --test-file runs post_install tests only: the
# files as tags run those, in one Odoo, and scripts/run_at_install_tests.py, in
# one `odoo shell`, the others. HTTP tests get a free port (0: the kernel's pick).
# Prints the reports and their failures; sets test_failures and test_count.
run_test_files() {
    local db=$1 log_dir=$2 file name log failed errors tests
    shift 2
    test_failures=0 test_count=0
    if ((${SERIES%%.*} >= 19)); then
        log="$log_dir/test_files.log"
        run_odoo -d "$db" --test-tags="$(IFS=,; echo "$*")" --http-interface=127.0.0.1 \
            --http-port=0 --stop-after-init >"$log" 2>&1 || true
        TEST_FILES="$*" run_odoo shell -d "$db" --log-level=info \
            <"$REPO_ROOT/scripts/run_at_install_tests.py" >>"$log" 2>&1 || true
        grep -E "(FAIL|ERROR): " "$log" || true
        while read -r failed errors tests; do
            echo "$# files: $failed failed, $errors error(s) of $tests tests"
            test_failures=$((test_failures + failed + errors))
            test_count=$((test_count + tests))
        done < <(grep -oE "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading" "$log" \
            | awk '{print $1, $3, $6}')
        [[ $(grep -cE "tests when loading" "$log") == 2 ]] \
            || { echo "no test report from Odoo, see $log"; test_failures=$((test_failures + 1)); }
        return
    fi
    for file in "$@"; do
        name="$(basename "$(dirname "$(dirname "$file")")")/${file##*/}"  # crm/test_x.py
        log="$log_dir/${name//\//_}.log"
        run_odoo -d "$db" --test-file="$file" --test-enable --test-tags=-standard \
            --http-interface=127.0.0.1 --http-port=0 --stop-after-init >"$log" 2>&1 || true
        grep -E "(FAIL|ERROR): " "$log" || true
        read -r failed errors tests <<<"$(test_report "$log")"
        [[ -n $tests ]] || { echo "no test report from Odoo, see $log"; failed=1 errors=0 tests=0; }
        echo "$name: $failed failed, $errors error(s) of $tests tests"
        test_failures=$((test_failures + failed + errors))
        test_count=$((test_count + tests))
    done
}
