"""Check openfire_crm_stage under Odoo's multi-process server (--workers), over
XML-RPC: a rule deactivated through one request no longer fires in the requests
served by the other workers, and the pipeline loads.

Usage: python check_workers.py URL DATABASE LOGIN PASSWORD
"""

import sys
import xmlrpc.client

REQUESTS = 12  # spread over the workers by the kernel


def main():
    url, database, login, password = sys.argv[1:]
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
        database, login, password, {}
    )

    def call(model, method, *args, **kwargs):
        # a new connection each time, so that any worker may answer
        proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
        return proxy.execute_kw(
            database, uid, password, model, method, list(args), kwargs
        )

    def xmlid(name):
        (data,) = call(
            "ir.model.data",
            "search_read",
            [("module", "in", ("crm", "openfire_crm_stage")), ("name", "=", name)],
            fields=["res_id"],
        )
        return data["res_id"]

    new, quote = xmlid("stage_lead1"), xmlid("stage_lead3")
    rule = xmlid("automation_quote_to_quote")
    partner = call("res.partner", "create", {"name": "Workers check"})

    def stage_after_a_quote():
        lead = call(
            "crm.lead",
            "create",
            {
                "name": "Workers check",
                "type": "opportunity",
                "partner_id": partner,
                "stage_id": new,
            },
        )
        call("sale.order", "create", {"partner_id": partner, "opportunity_id": lead})
        return call("crm.lead", "read", [lead], ["stage_id"])[0]["stage_id"][0]

    failures = []
    if stage_after_a_quote() != quote:
        failures.append("an active rule did not move the opportunity")
    call("base.automation", "write", [rule], {"active": False})
    moved = sum(stage_after_a_quote() != new for _request in range(REQUESTS))
    if moved:
        failures.append(f"the deactivated rule still moved {moved} opportunities")
    groups = call(
        "crm.lead",
        "web_read_group",
        [("type", "=", "opportunity")],
        ["expected_revenue:sum"],
        ["stage_id"],
    )["groups"]
    if quote not in [group["stage_id"][0] for group in groups if group["stage_id"]]:
        failures.append("the pipeline has no Quote column")
    call("base.automation", "write", [rule], {"active": True})
    for failure in failures:
        print(f"workers: {failure}")
    print(f"workers: {REQUESTS} requests after the rule was deactivated, none moved")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
