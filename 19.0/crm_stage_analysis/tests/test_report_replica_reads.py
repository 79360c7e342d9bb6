import functools
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import StageHistoryCase


@tagged("post_install", "-at_install", "crm_stage_analysis", "replica")
class TestReportReplicaReads(HttpCase, StageHistoryCase):
    """A click on a report's row is a read-only call, which Odoo sends to a
    database replica when there is one."""

    def _call_from_screen(self, model, method, *args):
        """``method`` called as the web client calls a button, by the salesman:
        its answer, and for each time the server ran it, whether its cursor was
        read-only. A call that writes runs twice: read-only, which fails, then
        again on the primary database."""
        Model = type(self.env[model])
        served = getattr(Model, method)
        read_only = []

        @functools.wraps(served)  # keeps what the decorators set
        def watched(records, *args, **kwargs):
            read_only.append(records.env.cr.readonly)
            return served(records, *args, **kwargs)

        self.authenticate("user_sales_salesman", "user_sales_salesman")
        with patch.object(Model, method, watched):
            answer = self.make_jsonrpc_request(
                f"/web/dataset/call_button/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": {}},
            )
        return answer, read_only

    def test_a_report_row_opens_its_opportunity_in_a_read_only_call(self):
        lead = self._create_opportunity(stage_id=self.stage_quote.id)
        # the stage tracking the reports read, as the end of a request writes it
        self._flush_tracking()
        for report in ("crm.stage.duration", "crm.stage.conversion"):
            row = self.env[report].search([("lead_id", "=", lead.id)], limit=1)
            action, read_only = self._call_from_screen(
                report, "action_open_opportunity", row.ids
            )
            self.assertEqual(
                (action["res_model"], action["res_id"], read_only),
                ("crm.lead", lead.id, [True]),
            )
