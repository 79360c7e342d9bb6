"""Run Odoo's own test suites of some modules, at_install tests included, on a
database where openfire_crm_stage is installed. (Odoo runs at_install tests while a
module loads, before the modules depending on it: they would never meet ours.)

With --auto-change-off, every stage gets "Change Probability Automatically" switched
off while the suites run (and back on after): the module must then behave exactly as
vanilla Odoo, so the suites must pass unchanged. Odoo's suites expect an English-only
database.

Usage: python odoo_suites.py [--auto-change-off] DATABASE ADDONS_PATH MODULE[,...]
"""

import argparse
import sys

import odoo
from odoo.tests import loader


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--auto-change-off", action="store_true")
    parser.add_argument("database")
    parser.add_argument("addons_path")
    parser.add_argument("modules")
    args = parser.parse_args()
    modules = args.modules.split(",")
    odoo.tools.config.parse_config(
        [
            f"--database={args.database}",
            f"--addons-path={args.addons_path}",
            "--http-interface=127.0.0.1",
            "--http-port=8169",
            "--log-level=info",
            "--test-tags=" + ",".join(f"/{module}" for module in modules),
        ]
    )
    odoo.service.server.load_server_wide_modules()
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    server.http_spawn()
    odoo.service.server.server = server  # where HttpCase finds its port
    # load the registry first: with tests enabled, Odoo would run each module's
    # at_install tests as it loads, before the modules that depend on it
    registry = odoo.modules.registry.Registry(args.database)
    odoo.tools.config["test_enable"] = True
    auto_change_ids = []
    if args.auto_change_off:
        with registry.cursor() as cr:
            cr.execute(
                "UPDATE crm_stage SET on_change = FALSE WHERE on_change RETURNING id"
            )
            auto_change_ids = [stage_id for (stage_id,) in cr.fetchall()]
    failed = errors = total = 0
    try:
        for position in ("at_install", "post_install"):
            report = loader.run_suite(loader.make_suite(modules, position))
            failed += report.failures_count
            errors += report.errors_count
            total += report.testsRun
    finally:
        if auto_change_ids:
            with registry.cursor() as cr:
                cr.execute(
                    "UPDATE crm_stage SET on_change = TRUE WHERE id IN %s",
                    [tuple(auto_change_ids)],
                )
    print(
        f"Odoo's {args.modules} suites: "
        f"{failed} failed, {errors} error(s) of {total} tests"
    )
    return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
