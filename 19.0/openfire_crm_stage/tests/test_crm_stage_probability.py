from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_probability")
class TestCrmStageProbability(OpenfireStageCase):
    def test_drag_to_stage_gives_its_probability(self):
        lead = self._create_opportunity()
        for stage, probability in [
            (self.stage_estimate, 30),
            (self.stage_quote, 80),
            (self.stage_visit, 50),
        ]:
            lead.write({"stage_id": stage.id})
            self.assertEqual(lead.probability, probability, stage.name)

    def test_bulk_stage_change_gives_probability_to_every_lead(self):
        leads = self.env["crm.lead"]
        for index in range(3):
            leads += self._create_opportunity(name=f"Opportunity {index}")
        leads[0].probability = 42
        leads.write({"stage_id": self.stage_quote.id})
        self.assertEqual(leads.mapped("probability"), [80, 80, 80])

    def test_created_opportunity_takes_its_stage_probability(self):
        self.assertEqual(self._create_opportunity().probability, 10)
        self.assertEqual(
            self._create_opportunity(stage_id=self.stage_visit.id).probability, 50
        )

    def test_explicit_probability_at_creation_is_kept(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id, probability=65)
        self.assertEqual(lead.probability, 65)

    def test_quick_create_in_a_column(self):
        form = Form(
            self.env["crm.lead"].with_context(
                default_type="opportunity",
                default_stage_id=self.stage_quote.id,
                default_team_id=self.sales_team_1.id,
            ),
            view="crm.quick_create_opportunity_form",
        )
        form.name = "Sprinklers for a warehouse"
        form.partner_id = self.customer
        lead = form.save()
        self.assertEqual(lead.stage_id, self.stage_quote)
        self.assertEqual(lead.probability, 80)

    def test_stage_change_in_form_shows_and_saves_stage_probability(self):
        lead = self._create_opportunity()
        with Form(lead) as form:
            form.stage_id = self.stage_visit
            self.assertEqual(form.probability, 50, "shown before saving")
        self.assertEqual(lead.probability, 50)

    def test_lead_converted_to_opportunity_has_stage_probability(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Extinguishers for a town hall",
                "type": "lead",
                "contact_name": "Mairie de Rennes",
                "team_id": self.sales_team_1.id,
            }
        )
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
            .create({"name": "convert", "action": "create"})
        )
        lead.probability = 25
        wizard.action_apply()
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.stage_id, self.stage_new)
        self.assertEqual(lead.probability, 10)

    def test_import_into_a_stage(self):
        result = self.env["crm.lead"].load(
            ["name", "type", "stage_id/id"],
            [["Imported smoke detectors", "opportunity", "crm.stage_lead3"]],
        )
        self.assertFalse(result["messages"])
        lead = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(lead.probability, 80)

    def test_manual_probability_survives_edits_and_lead_scoring(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id)
        lead.probability = 65
        lead.write(
            {"name": "Fire alarm for a school, phase 2", "expected_revenue": 9000}
        )
        lead.tag_ids = [fields.Command.create({"name": "ERP type R"})]
        lead.team_id = self.team_mc  # lead scoring recomputes on a team change
        self.assertEqual(lead.probability, 65)
        lead.write({"stage_id": self.stage_quote.id})
        self.assertEqual(lead.probability, 80, "the next stage change replaces it")

    def _run_lead_scoring_cron(self):
        """Odoo's nightly lead scoring, with a won and a lost opportunity to learn
        from."""
        self.env["ir.config_parameter"].sudo().set_param(
            "crm.pls_start_date",
            fields.Date.to_string(fields.Date.today() - timedelta(days=1)),
        )
        self._create_opportunity(name="won").action_set_won()
        self._create_opportunity(name="lost").action_set_lost()
        self.env.flush_all()
        self.env["crm.lead"]._cron_update_automated_probabilities()
        self.env.invalidate_all()

    def test_lead_scoring_cron_never_overwrites_the_stage_value(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id)
        self._run_lead_scoring_cron()
        self.assertEqual(lead.probability, 50)
        self.assertEqual(lead.automated_probability, 50, "its automated one too")

    def test_back_to_the_automated_probability_gives_the_stage_value(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id)
        lead.probability = 65
        self.assertFalse(lead.is_automated_probability)
        lead.action_set_automated_probability()
        self.assertEqual(lead.probability, 50)

    def test_stage_without_auto_change_leaves_probability_to_lead_scoring(self):
        lead = self._create_opportunity(stage_id=self.stage_manual.id)
        self.assertEqual(lead.probability, lead.automated_probability)
        self.assertTrue(lead.is_automated_probability)

    def test_won_lost_and_restore(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id)
        lead.action_set_lost()
        self.assertEqual(lead.probability, 0)
        self.assertFalse(lead.active)
        lead.action_unarchive()
        self.assertTrue(lead.active)
        self.assertEqual(lead.probability, 50, "restored with its stage probability")
        lead.action_set_won()
        self.assertEqual(lead.stage_id, self.stage_won)
        self.assertEqual(lead.probability, 100)

    def test_archived_opportunity_moved_to_another_stage_stays_at_zero(self):
        lead = self._create_opportunity(stage_id=self.stage_visit.id)
        lead.action_set_lost()
        lead.write({"stage_id": self.stage_quote.id})  # a bulk edit, an import
        self.assertEqual(lead.probability, 0)

    def test_stage_probability_edit_updates_open_opportunities_still_on_it(self):
        following = self._create_opportunity(stage_id=self.stage_quote.id)
        overridden = self._create_opportunity(stage_id=self.stage_quote.id)
        overridden.probability = 95
        lost = self._create_opportunity(stage_id=self.stage_quote.id)
        lost.action_set_lost()
        other_stage = self._create_opportunity(stage_id=self.stage_visit.id)
        self.stage_quote.probability = 75
        self.assertEqual(following.probability, 75)
        self.assertEqual(overridden.probability, 95)
        self.assertEqual(lost.probability, 0)
        self.assertEqual(other_stage.probability, 50)
        self.assertEqual(following.prorated_revenue, following.expected_revenue * 0.75)

    def test_stage_probability_edit_reaches_opportunities_the_editor_cannot_see(self):
        hidden = self._create_opportunity(
            stage_id=self.stage_quote.id,
            team_id=self.team_c2.id,
            company_id=self.company_2.id,
            user_id=False,
        )
        self.stage_quote.with_user(self.user_sales_manager).with_context(
            allowed_company_ids=self.company_main.ids
        ).probability = 85
        self.assertEqual(hidden.probability, 85)

    def test_out_of_range_probability_is_refused_with_a_clear_message(self):
        for value in (-5, 100.5, 150):
            with self.assertRaisesRegex(ValidationError, "between 0% and 100%"):
                self.stage_quote.probability = value

    def test_import_names_each_refused_row(self):
        with mute_logger("odoo.sql_db"):
            result = self.env["crm.stage"].load(
                ["name", "probability"],
                [["Survey", "20"], ["Too sure", "150"], ["Negotiation", "30"]],
            )
        self.assertFalse(result["ids"])
        self.assertEqual(
            [message["rows"]["from"] for message in result["messages"]], [1]
        )
        self.assertIn(
            "The probability of a stage must be between 0% and 100%.",
            result["messages"][0]["message"],
        )

    def test_out_of_range_message_in_french(self):
        self._ensure_french()
        with self.assertRaisesRegex(
            ValidationError, "doit être comprise entre 0 % et 100 %"
        ):
            self.stage_quote.with_context(lang="fr_FR").probability = 101

    def test_won_stage_form_forces_100(self):
        with Form(self.env["crm.stage"]) as form:
            form.name = "Signed"
            form.is_won = True
            self.assertEqual(form.probability, 100)

    def test_column_added_with_its_probability_gives_it(self):
        stage = (
            self.env["crm.stage"]
            .with_user(self.user_sales_manager)
            .create({"name": "Negotiation", "probability": 65, "on_change": True})
        )
        lead = self._create_opportunity(stage_id=self.stage_quote.id)
        lead.stage_id = stage
        self.assertEqual(lead.probability, 65)

    def test_column_added_with_a_name_only_hands_probability_to_lead_scoring(self):
        stage = (
            self.env["crm.stage"]
            .with_user(self.user_sales_manager)
            .create({"name": "Negotiation"})
        )
        self.assertFalse(stage.on_change, "no surprise until a probability is chosen")
        lead = self._create_opportunity(stage_id=self.stage_quote.id)
        typed = self._create_opportunity(stage_id=self.stage_quote.id)
        typed.probability = 65
        (lead + typed).stage_id = stage
        self.assertEqual(lead.probability, lead.automated_probability)
        self.assertNotEqual(lead.probability, 80, "lead scoring takes over, as in Odoo")
        self.assertEqual(typed.probability, 65, "a rep's probability stays")
