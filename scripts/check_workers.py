"""Check openfire_crm_stage under Odoo's multi-process server (--workers), over
XML-RPC: a rule deactivated through one request no longer fires in the requests
served by the other workers, and the pipeline loads.

Usage: python check_workers.py URL DATABASE LOGIN PASSWORD
"""

import sys
import xmlrpc.client

REQUESTS = 12  # spread over the workers by the kernel

url, database, login, password = sys.argv[1:]
common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
uid = common.authenticate(database, login, password, {})


def call(model, method, *args, **kwargs):
    # a new connection each time, so that any worker may answer
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    return proxy.execute_kw(database, uid, password, model, method, args, kwargs)


def ref(module, name):
    return call("ir.model.data", "check_object_reference", module, name)[1]


new, quote = ref("crm", "stage_lead1"), ref("crm", "stage_lead3")
rule = ref("openfire_crm_stage", "automation_quote_to_quote")
partner = call("res.partner", "create", {"name": "Workers check"})
lead = {"name": "Check", "type": "opportunity", "stage_id": new, "partner_id": partner}


def stage_after_a_quote():
    opportunity = call("crm.lead", "create", lead)
    call("sale.order", "create", {"partner_id": partner, "opportunity_id": opportunity})
    return call("crm.lead", "read", [opportunity], ["stage_id"])[0]["stage_id"][0]


failures = []
if stage_after_a_quote() != quote:
    failures.append("an active rule did not move the opportunity")
call("base.automation", "write", [rule], {"active": False})
moved = sum(stage_after_a_quote() != new for _request in range(REQUESTS))
if moved:
    failures.append(f"the deactivated rule still moved {moved} opportunities")
pipeline = [("type", "=", "opportunity")], ["expected_revenue:sum"], ["stage_id"]
if common.version()["server_version_info"][0] >= 19:  # (domain, groupby, aggregates)
    pipeline = pipeline[0], pipeline[2], pipeline[1]
groups = call("crm.lead", "web_read_group", *pipeline)["groups"]
if quote not in [group["stage_id"][0] for group in groups if group["stage_id"]]:
    failures.append("the pipeline has no Quote column")
call("base.automation", "write", [rule], {"active": True})
for failure in failures:
    print(f"workers: {failure}")
print(f"workers: {REQUESTS} requests after the rule was deactivated, {moved} moved")
sys.exit(1 if failures else 0)
