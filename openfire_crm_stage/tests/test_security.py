from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OpenfireStageCase


@tagged("post_install", "-at_install")
class TestSecurity(OpenfireStageCase):
    def test_sales_rep_reads_stages_only(self):
        stages = self.env["crm.stage"].with_user(self.user_sales_salesman)
        self.assertEqual(
            stages.browse(self.stage_quote.id).read(["name", "probability"])[0][
                "probability"
            ],
            80,
        )
        with self.assertRaises(AccessError):
            stages.create({"name": "Rep stage"})
        with self.assertRaises(AccessError):
            stages.browse(self.stage_quote.id).write({"probability": 10})
        with self.assertRaises(AccessError):
            stages.browse(self.stage_manual.id).unlink()

    def test_sales_administrator_manages_stages(self):
        stages = self.env["crm.stage"].with_user(self.user_sales_manager)
        stage = stages.create({"name": "Negotiation", "probability": 60})
        stage.write({"probability": 65, "fold": True})
        self.assertEqual(stage.probability, 65)
        stage.unlink()
        self.assertFalse(stage.exists())

    def test_sales_rep_moves_opportunity_to_a_stage(self):
        lead = self._create_opportunity()
        lead.with_user(self.user_sales_salesman).write(
            {"stage_id": self.stage_quote.id}
        )
        self.assertEqual(lead.probability, 80)
