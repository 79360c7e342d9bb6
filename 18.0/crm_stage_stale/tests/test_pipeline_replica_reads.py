import functools
from datetime import timedelta
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import StaleStageCase


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestPipelineReplicaReads(HttpCase, StaleStageCase):
    """The pipeline's column totals and stale counts are read-only calls, which
    Odoo sends to a database replica when there is one, and which any client
    can make, XML-RPC included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.rotting_threshold_days = 21
        cls.stale = cls._create_opportunity(
            stage_id=cls.stage_quote.id, expected_revenue=10000, probability=40
        )
        cls.stale.date_last_stage_update = cls.env.cr.now() - timedelta(days=30)
        cls.fresh = cls._create_opportunity(
            stage_id=cls.stage_quote.id, expected_revenue=5000, probability=40
        )
        cls.domain = [("id", "in", (cls.stale | cls.fresh).ids)]
        cls.revenue = {
            "currency_id": cls.env.company.currency_id.id,
            "stages": [
                {"stage_id": cls.stage_quote.id, "expected": 15000, "weighted": 6000}
            ],
        }
        cls.stale_counts = [{"stage_id": cls.stage_quote.id, "count": 1}]

    def _call_from_screen(self, method, *args):
        """The opportunities' ``method`` called as the web client does, by the
        salesman: its answer, and for each time the server ran it, whether its
        cursor was read-only. A call that writes runs twice: read-only, which
        fails, then again on the primary database."""
        model = "crm.lead"
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
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": {}},
            )
        return answer, read_only

    def test_column_totals_are_read_only_calls(self):
        self.assertEqual(
            self._call_from_screen("read_revenue_by_stage", self.domain),
            (self.revenue, [True]),
        )

    def test_column_stale_counts_are_read_only_calls(self):
        self.assertEqual(
            self._call_from_screen("read_stale_count_by_stage", self.domain),
            (self.stale_counts, [True]),
        )

    def test_column_totals_and_stale_counts_over_xmlrpc(self):
        login = self.user_sales_salesman.login
        for method, expected in (
            ("read_revenue_by_stage", self.revenue),
            ("read_stale_count_by_stage", self.stale_counts),
        ):
            answer = self.xmlrpc_object.execute(
                self.env.cr.dbname,
                self.user_sales_salesman.id,
                login,
                "crm.lead",
                method,
                self.domain,
            )
            self.assertEqual(answer, expected)
