from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import StageLineCase, ensure_french


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationLines(StageLineCase):
    """A sales manager sets up stage automation from the stage's dialog: each
    line is an ordinary automation rule, written by the line."""

    def test_a_manager_moves_opportunities_when_the_customer_writes(self):
        self.assertFalse(self.user_sales_manager.has_group("base.group_system"))
        line = self._add_line(self.stage_won, event="email_received")
        self.assertEqual(line.rule_id.sudo().trigger, "on_message_received")
        self.assertTrue(line.enabled)
        self._receive_email()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
        (explanation,) = self._explanations(self.opportunity)
        self.assertIn("An email arrives from the customer", explanation.body)

    def test_entering_a_stage_plans_an_activity_for_the_salesperson(self):
        self._add_line(
            self.stage_survey,
            action="activity",
            activity_type_id=self.call.id,
            delay_days=2,
        )
        self.opportunity.stage_id = self.stage_survey
        self._flush()
        call = self.opportunity.activity_ids
        self.assertEqual(call.activity_type_id, self.call)
        self.assertEqual(call.date_deadline, fields.Date.today() + timedelta(days=2))
        self.assertEqual(call.user_id, self.user_sales_salesman)
        created = self._create_opportunity(stage_id=self.stage_survey.id)
        self._flush()
        self.assertEqual(created.activity_ids.activity_type_id, self.call)
        elsewhere = self._create_opportunity(stage_id=self.stage_proposal.id)
        self._flush()
        self.assertFalse(elsewhere.activity_ids)

    def test_entering_a_stage_sends_an_email(self):
        template = self.env["mail.template"].create(
            {
                "name": "Site survey: what to prepare",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "Your site survey",
                "body_html": "<p>Please give us access to the technical room.</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self._add_line(self.stage_survey, action="email", template_id=template.id)
        self.opportunity.stage_id = self.stage_survey
        self._flush()
        sent = self.opportunity.message_ids.filtered(
            lambda message: message.subject == "Your site survey"
        )
        self.assertEqual(sent.partner_ids, self.customer)

    def test_other_business_events_move_opportunities_here(self):
        self._add_line(self.stage_survey, event="email_sent")
        self.opportunity.message_post(
            body="When may we visit?",
            partner_ids=self.customer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_survey)
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)

    def test_a_line_switched_off_stops_its_rule(self):
        line = self.meeting_line.with_env(self.manager_env)
        line.enabled = False
        self.assertFalse(self.rule_meeting.active)
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_a_salesman_reads_the_lines_and_changes_none(self):
        stage = self.stage_proposal.with_user(self.user_sales_salesman)
        self.assertEqual(len(self._lines(stage)), 1)
        with self.assertRaises(AccessError):
            stage.move_automation_ids[:1].enabled = False
        with self.assertRaises(AccessError):
            self.env["crm.stage.automation"].with_user(self.user_sales_salesman).create(
                {"stage_id": self.stage_won.id, "event": "email_received"}
            )

    def test_a_line_writes_only_its_own_rule(self):
        other_rule = self.rule_meeting
        with self.assertRaises(AccessError):
            self._add_line(
                self.stage_won, event="email_received", rule_id=other_rule.id
            )
        line = self._add_line(self.stage_won, event="email_received")
        with self.assertRaises(AccessError):
            line.rule_id = other_rule

    def test_a_rule_changed_in_automation_rules_is_custom_and_never_rewritten(self):
        line = self._add_line(self.stage_won, event="email_received")
        rule = line.rule_id.sudo()
        consultant_domain = (
            "[('type', '=', 'opportunity'), ('active', '=', True), "
            "('expected_revenue', '>', 1000)]"
        )
        rule.filter_domain = consultant_domain
        self.assertTrue(line.is_custom)
        with self.assertRaisesRegex(ValidationError, "changed in Automation Rules"):
            line.event = "email_sent"
        line.enabled = False
        self.assertFalse(rule.active, "switching it off rewrites nothing")
        self.assertEqual(rule.filter_domain, consultant_domain)
        line.unlink()
        self.assertTrue(rule.exists(), "a custom rule stays as the consultant left it")

    def test_a_line_changed_rewrites_its_rule(self):
        line = self._add_line(
            self.stage_survey, action="activity", activity_type_id=self.call.id
        )
        line.write({"entry_action": "email", "template_id": self._template().id})
        action = line.rule_id.sudo().action_server_ids
        self.assertEqual((len(action), action.state), (1, "mail_post"))
        self.assertFalse(line.is_custom)

    def test_renaming_the_stage_renames_its_rules(self):
        line = self._add_line(self.stage_won, event="email_received")
        self.stage_won.with_env(self.manager_env).name = "Signed"
        self.assertTrue(line.rule_id.sudo().name.startswith("Signed: "))

    def test_deleting_a_stage_deletes_its_lines_and_their_rules(self):
        stage = self.env["crm.stage"].create({"name": "Financing", "sequence": 5})
        move = self._add_line(stage, event="email_received")
        entry = self._add_line(stage, action="activity", activity_type_id=self.call.id)
        rules = (move + entry).rule_id
        stage.with_env(self.manager_env).unlink()
        self.assertFalse(rules.exists())

    def test_the_dialog_speaks_french(self):
        ensure_french(self.env)
        stage = self.stage_won.with_context(lang="fr_FR")
        with (
            Form(stage, view="crm.crm_stage_form") as form,
            form.move_automation_ids.new() as line,
        ):
            line.event = "email_received"
        self.assertEqual(
            stage.move_automation_ids.rule_id.sudo().name,
            "Signed : Un e-mail du client arrive → Avancer ici",
        )

    def test_a_rule_deleted_in_automation_rules_leaves_its_line_off(self):
        line = self._add_line(self.stage_won, event="email_received")
        line.rule_id.sudo().unlink()
        self.assertTrue(line.exists(), "nothing the manager set is lost")
        self.assertFalse(line.enabled)
        line.enabled = True
        self.assertTrue(line.rule_id.sudo().active, "its rule is written anew")
        self._receive_email()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
