from odoo.tests import Form, tagged

from .common import StageAutomationCase, ensure_french

LEAD_LOGGER = "odoo.addons.crm_stage_automation.models.crm_lead_automated_move"
ACTION_LOGGER = "odoo.addons.crm_stage_automation.models.ir_actions_server"


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomation(StageAutomationCase):
    """*Move Opportunity Forward*: a business event moves the opportunity behind
    it, and a note says which rule and which document."""

    def test_a_meeting_planned_moves_the_opportunity_and_says_why(self):
        meeting = self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
        (explanation,) = self._explanations(self.opportunity)
        self.assertIn(self.rule_meeting.name, explanation.body)
        self.assertIn(meeting.display_name, explanation.body)

    def test_an_activity_of_the_lines_type_moves_the_opportunity(self):
        self.env["crm.stage.automation"].create(
            {
                "stage_id": self.stage_survey.id,
                "event": "activity_planned",
                "activity_type_id": self.survey_type.id,
            }
        )
        self.opportunity.activity_schedule(activity_type_id=self.call.id)
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_new, "another type")
        activity = self.opportunity.activity_schedule(
            activity_type_id=self.survey_type.id, summary="Boiler room"
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_survey)
        self.assertIn(activity.display_name, self._last_explanation(self.opportunity))

    def test_an_activity_planned_and_marked_done_at_once_moves(self):
        """The rep records a survey already made: Schedule Activity, Mark as Done."""
        self.env["crm.stage.automation"].create(
            {
                "stage_id": self.stage_survey.id,
                "event": "activity_planned",
                "activity_type_id": self.survey_type.id,
            }
        )
        wizard = (
            self.env["mail.activity.schedule"]
            .with_context(active_model="crm.lead", active_ids=self.opportunity.ids)
            .create({"activity_type_id": self.survey_type.id, "summary": "Boiler"})
        )
        wizard.action_schedule_activities_done()
        self._flush()
        self.assertFalse(self.opportunity.activity_ids, "the survey is done")
        self.assertEqual(self.opportunity.stage_id, self.stage_survey)
        self.assertIn("Boiler", self._last_explanation(self.opportunity))

    def test_the_move_and_its_explanation_are_one_tracking_and_one_note(self):
        self._plan_meeting()
        self.env.cr.precommit.run()
        self.opportunity.invalidate_recordset(["message_ids"])
        stage_changes = self.opportunity.message_ids.filtered(
            lambda message: (
                "stage_id" in message.tracking_value_ids.field_id.mapped("name")
            )
        )
        self.assertEqual(len(stage_changes), 1)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)

    def test_explanation_in_the_user_language(self):
        ensure_french(self.env)
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        self._plan_meeting(opportunity=self.opportunity.with_env(self.env))
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
        self.assertIn(
            "par la règle d'automatisation",
            "".join(self.opportunity.message_ids.mapped("body")),
        )

    # Configuration

    def test_consultant_builds_a_rule_on_the_opportunity_itself(self):
        rule = self._rule_on_priority()
        self.opportunity.priority = "3"
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
        self.assertIn(rule.name, self._last_explanation(self.opportunity))

    def test_lead_is_not_moved_by_a_rule_on_opportunities(self):
        self._rule_on_priority()
        lead = self._create_opportunity(type="lead")
        lead.priority = "3"
        self._flush()
        self.assertEqual(lead.stage_id, self.stage_new)

    def test_a_move_is_named_after_its_stage(self):
        named_by_hand = self._rule_on_priority().action_server_ids
        with Form(self.env["ir.actions.server"]) as form:
            form.model_id = self.env["ir.model"]._get("crm.lead")
            form.state = "crm_stage"
            form.crm_stage_id = self.stage_proposal
        action = form.record
        self.assertEqual(action.name, "Move the opportunity forward to Proposal")
        self.stage_proposal.name = "Commercial proposal"
        self.assertEqual(
            action.name, "Move the opportunity forward to Commercial proposal"
        )
        self.assertEqual(named_by_hand.name, "Move forward to Proposal")

    def test_stage_form_lists_the_consultants_other_rules_leading_to_it(self):
        rule = self._rule_on_priority()
        self.assertEqual(self.stage_proposal.other_automation_ids, rule)
        self.assertFalse(self.stage_survey.other_automation_ids)
