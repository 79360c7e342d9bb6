from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import TourCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageAutomationTours(TourCase):
    """A sales administrator switches on "a quote is confirmed" on Won and "plan a
    call in 2 days" on Estimate, from the stages' dialogs; a rep's confirmation
    then moves the opportunity and the call appears
    (static/tests/tours/stage_automation_tours.js)."""

    tour_login = "openfire_automation_manager"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reps = {
            lang: new_test_user(
                cls.env,
                login=f"openfire_automation_rep_{lang}",
                name=f"Yann Rep ({lang})",
                groups="sales_team.group_sale_salesman",
                lang=lang,
            )
            for lang in ("en_US", "fr_FR")
        }
        cls.team.member_ids = [Command.link(rep.id) for rep in cls.reps.values()]
        customer = cls.env["res.partner"].create({"name": "Hotel de la Plage"})
        cls.school, cls.hotel = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "partner_id": customer.id,
                    "team_id": cls.team.id,
                    "stage_id": stage.id,
                }
                for name, stage in (
                    ("School fire alarm", cls.stage_new),
                    ("Hotel smoke detectors", cls.stage_quote),
                )
            ]
        )
        product = cls.env["product.product"].create(
            {"name": "Smoke detector", "list_price": 90}
        )
        cls.quote = cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "opportunity_id": cls.hotel.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )

    def _run(self, lang):
        manager, rep = self.users[lang], self.reps[lang]
        url = "/odoo/action-crm.crm_lead_action_pipeline"
        (self.school + self.hotel).user_id = manager
        self.start_tour(
            url,
            f"openfire_crm_stage_automation_manager_{lang[:2]}",
            login=manager.login,
        )
        won_lines = self.stage_won.move_automation_ids
        self.assertEqual(won_lines.mapped("event"), ["quote_confirmed"])
        self.assertTrue(won_lines.rule_id.active)
        (call_line,) = self.stage_estimate.entry_automation_ids
        self.assertEqual(
            (call_line.activity_type_id, call_line.delay_days),
            (self.env.ref("mail.mail_activity_data_call"), 2),
        )
        (self.school + self.hotel).user_id = rep
        self.quote.user_id = rep
        self.start_tour(
            url, f"openfire_crm_stage_automation_rep_{lang[:2]}", login=rep.login
        )
        self.assertEqual(self.school.stage_id, self.stage_estimate)
        self.assertEqual(self.school.activity_ids.user_id, rep)
        self.assertEqual(self.hotel.stage_id, self.stage_won)

    def test_stage_automation_en(self):
        self._run("en_US")

    def test_stage_automation_fr(self):
        self._run("fr_FR")
