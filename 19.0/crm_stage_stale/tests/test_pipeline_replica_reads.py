import functools
import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import StaleStageCase, kanban_specification


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestPipelineReplicaReads(HttpCase, StaleStageCase):
    """The pipeline's rotting counts are read-only calls, which Odoo sends to a
    database replica when there is one, and which any client can make, through
    Odoo's external API too; reading the cards stays read-only with this
    module's rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.rotting_threshold_days = 21
        cls.stale = cls._create_opportunity(stage_id=cls.stage_quote.id)
        cls.stale.date_last_stage_update = cls.env.cr.now() - timedelta(days=30)
        cls.planned = cls._create_opportunity(stage_id=cls.stage_quote.id)
        cls.planned.date_last_stage_update = cls.stale.date_last_stage_update
        cls.planned.activity_schedule("mail.mail_activity_data_call")
        cls.domain = [("id", "in", (cls.stale | cls.planned).ids)]
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

    def test_column_stale_counts_are_read_only_calls(self):
        self.assertEqual(
            self._call_from_screen("read_stale_count_by_stage", self.domain),
            (self.stale_counts, [True]),
        )

    def test_reading_the_cards_writes_nothing(self):
        specification = kanban_specification(
            self.env["crm.lead"].with_user(self.user_sales_salesman)
        )
        answer, read_only = self._call_from_screen(
            "web_search_read", self.domain, specification
        )
        self.assertEqual(read_only, [True])
        self.assertEqual(
            {card["id"]: card["is_rotting"] for card in answer["records"]},
            {self.stale.id: True, self.planned.id: False},
        )

    def test_column_stale_counts_over_the_external_api(self):
        """Odoo's JSON-2 API, as a script of the salesman's calls it."""
        salesman = self.env(user=self.user_sales_salesman)
        key = salesman["res.users.apikeys"]._generate(
            scope="rpc",
            name="Pipeline counts",
            expiration_date=fields.Datetime.now() + timedelta(hours=1),
        )
        response = self.url_open(
            "/json/2/crm.lead/read_stale_count_by_stage",
            data=json.dumps({"domain": self.domain}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key}",
                "X-Odoo-Database": self.env.cr.dbname,
            },
        )
        self.assertEqual(response.json(), self.stale_counts)
