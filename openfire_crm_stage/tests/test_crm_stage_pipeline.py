from lxml import etree

from odoo.tests import tagged

from .common import OpenfireStageCase


@tagged("post_install", "-at_install")
class TestCrmStagePipeline(OpenfireStageCase):
    def test_stage_form_shows_the_stage_settings(self):
        arch = self.env["crm.stage"].get_view(
            self.env.ref("crm.crm_stage_form").id, "form"
        )["arch"]
        form = etree.fromstring(arch)
        for name in (
            "name",
            "probability",
            "on_change",
            "fold",
            "team_id",
            "is_won",
            "requirements",
        ):
            field = form.find(f".//field[@name='{name}']")
            self.assertIsNotNone(field, name)
            self.assertNotIn(field.get("invisible"), ("1", "True"), name)

    def test_stage_list_shows_probability(self):
        arch = self.env["crm.stage"].get_view(
            self.env.ref("crm.crm_stage_tree").id, "list"
        )["arch"]
        self.assertIn('name="probability"', arch)
        self.assertIn('name="on_change"', arch)

    def test_stages_menu_is_offered_to_sales_administrators(self):
        menus = (
            self.env["ir.ui.menu"]
            .with_user(self.user_sales_manager)
            ._visible_menu_ids(debug=False)
        )
        self.assertIn(self.env.ref("crm.menu_crm_lead_stage_act").id, menus)

    def test_new_opportunity_never_defaults_into_a_folded_stage(self):
        self.stage_new.fold = True
        lead = self._create_opportunity()
        self.assertEqual(lead.stage_id, self.stage_estimate)
        self.assertEqual(lead.probability, 30)

    def test_folded_stage_is_collapsed_in_the_pipeline(self):
        self.stage_visit.fold = True
        self._create_opportunity(stage_id=self.stage_visit.id)
        groups = (
            self.env["crm.lead"]
            .with_context(default_team_id=self.sales_team_1.id)
            .web_read_group(
                [("type", "=", "opportunity")],
                ["probability:avg", "expected_revenue:sum"],
                ["stage_id"],
            )["groups"]
        )
        folded = {group["stage_id"][0]: group.get("__fold") for group in groups}
        self.assertTrue(folded[self.stage_visit.id])
        self.assertFalse(folded[self.stage_quote.id])

    def test_team_stage_only_in_its_team_pipeline(self):
        stage_audit = self.env["crm.stage"].create(
            {
                "name": "Safety audit",
                "sequence": 3,
                "probability": 40,
                "on_change": True,
                "team_id": self.sales_team_1.id,
            }
        )

        def columns(team):
            groups = (
                self.env["crm.lead"]
                .with_context(default_team_id=team.id)
                .web_read_group(
                    [("team_id", "=", team.id)], ["probability:avg"], ["stage_id"]
                )
            )["groups"]
            return [group["stage_id"][0] for group in groups]

        self.assertIn(stage_audit.id, columns(self.sales_team_1))
        self.assertNotIn(stage_audit.id, columns(self.team_mc))
        lead = self._create_opportunity()
        lead.stage_id = stage_audit
        self.assertEqual(lead.probability, 40)

    def test_add_a_column_with_its_probability(self):
        stage = (
            self.env["crm.stage"]
            .with_user(self.user_sales_manager)
            .with_context(default_team_id=self.sales_team_1.id)
            .create({"name": "Negotiation", "probability": 65, "on_change": True})
        )
        self.assertFalse(stage.team_id, "a new column is shared like in Odoo")
        lead = self._create_opportunity(stage_id=self.stage_quote.id)
        lead.stage_id = stage
        self.assertEqual(lead.probability, 65)

    def test_column_added_with_a_name_only_leaves_probability_alone(self):
        stage = (
            self.env["crm.stage"]
            .with_user(self.user_sales_manager)
            .create({"name": "Negotiation"})
        )
        self.assertFalse(stage.on_change, "no surprise until a probability is chosen")
        lead = self._create_opportunity(stage_id=self.stage_quote.id)
        lead.stage_id = stage
        self.assertNotEqual(lead.probability, stage.probability)
