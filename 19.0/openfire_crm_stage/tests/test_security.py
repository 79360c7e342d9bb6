from odoo.tests import tagged

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "security")
class TestSecurity(OpenfireStageCase):
    def test_stages_menu_is_offered_to_sales_administrators_only(self):
        menu = self.env.ref("crm.menu_crm_lead_stage_act")
        for user, shown in (
            (self.user_sales_manager, True),
            (self.user_sales_salesman, False),
        ):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
            self.assertEqual(menu.id in menus, shown, user.login)

    def test_sales_rep_moving_an_opportunity_gives_the_stage_probability(self):
        lead = self._create_opportunity()
        lead.with_user(self.user_sales_salesman).write(
            {"stage_id": self.stage_quote.id}
        )
        self.assertEqual(lead.probability, 80)
