from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.modules.migration import load_script
from odoo.tests import Form, tagged
from odoo.tools.misc import file_path

from .test_stage_automation import StageAutomationCase

SHIPPED_LINES = [
    ("Estimate", "estimate_created", "move"),
    ("Technical Visit", "visit_planned", "move"),
    ("Quote", "quote_created", "move"),
    ("Quote", "quote_sent", "move"),
    ("Quote", "quote_sent", "follow_up"),
]


class StageLineCase(StageAutomationCase):
    """Stage lines added by a sales manager, as his dialog saves them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_env = cls.env(user=cls.user_sales_manager)
        cls.call = cls.env.ref("mail.mail_activity_data_call")

    def _lines(self, stage):
        return stage.move_automation_ids + stage.entry_automation_ids

    def _add_line(self, stage, **values):
        """What the manager's dialog saves: a line added to the stage."""
        stage = stage.with_env(self.manager_env)
        field = (
            "entry_automation_ids"
            if values.get("action") in ("activity", "email")
            else "move_automation_ids"
        )
        stage.write({field: [Command.create(values)]})
        return stage[field].sorted("id")[-1]

    def _confirm_a_quote(self):
        product = self.env["product.product"].create({"name": "Smoke detector"})
        order = self._new_order()
        order.order_line.product_id = product
        order.with_user(self.user_sales_salesman).action_confirm()
        self._flush()
        return order

    def _template(self, **values):
        return self.env["mail.template"].create(
            {
                "name": "Welcome",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "Welcome",
                **values,
            }
        )


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageAutomationLines(StageLineCase):
    """A sales manager sets up stage automation from the stage's dialog: each
    line is an ordinary automation rule, written by the line."""

    def test_shipped_rules_show_as_lines_of_their_stages(self):
        lines = self.env["crm.stage.automation"].search([])
        self.assertEqual(
            [(line.stage_id.name, line.event, line.action) for line in lines],
            SHIPPED_LINES,
        )
        self.assertTrue(all(lines.mapped("enabled")))
        self.assertFalse(any(lines.mapped("is_custom")))
        self.assertEqual(
            lines.rule_id,
            self.rule_estimate
            + self.rule_visit
            + self.rule_quote
            + self.rule_quote_sent
            + self.env.ref("openfire_crm_stage.automation_quote_sent_follow_up"),
        )

    def test_upgrade_from_1_1_shows_the_shipped_rules_as_lines(self):
        # before 18.0.1.2.0, rules had no stage lines
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM crm_stage_automation")
        self.env.cr.execute(
            "DELETE FROM ir_model_data WHERE model = 'crm.stage.automation'"
        )
        self.env.invalidate_all()
        follow_up = self.env.ref("openfire_crm_stage.automation_quote_sent_follow_up")
        follow_up.filter_domain = False  # as 18.0.1.1.0 shipped it
        self.env.flush_all()
        load_script(
            file_path("openfire_crm_stage/migrations/18.0.1.2.0/post-migrate.py"),
            "openfire_crm_stage_post_migration_1_2",
        ).migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        lines = self.env["crm.stage.automation"].search([])
        self.assertEqual(
            [(line.stage_id.name, line.event, line.action) for line in lines],
            SHIPPED_LINES,
        )
        self.assertFalse(any(lines.mapped("is_custom")))

    def test_a_manager_moves_opportunities_to_won_when_a_quote_is_confirmed(self):
        self.assertFalse(self.user_sales_manager.has_group("base.group_system"))
        line = self._add_line(self.stage_won, event="quote_confirmed")
        self.assertEqual(line.rule_id.sudo().trigger, "on_state_set")
        self.assertTrue(line.enabled)
        self._confirm_a_quote()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
        self.assertEqual(self.opportunity.probability, 100)
        (explanation,) = self._explanations(self.opportunity)
        self.assertIn("A quote is confirmed", explanation.body)

    def test_entering_a_stage_plans_an_activity_for_the_salesperson(self):
        self._add_line(
            self.stage_estimate,
            action="activity",
            activity_type_id=self.call.id,
            delay_days=2,
        )
        self.opportunity.stage_id = self.stage_estimate
        self._flush()
        call = self.opportunity.activity_ids
        self.assertEqual(call.activity_type_id, self.call)
        self.assertEqual(call.date_deadline, fields.Date.today() + timedelta(days=2))
        self.assertEqual(call.user_id, self.user_sales_salesman)
        created = self._create_opportunity(stage_id=self.stage_estimate.id)
        self._flush()
        self.assertEqual(created.activity_ids.activity_type_id, self.call)
        elsewhere = self._create_opportunity(stage_id=self.stage_visit.id)
        self._flush()
        self.assertFalse(elsewhere.activity_ids)

    def test_entering_a_stage_sends_an_email(self):
        template = self.env["mail.template"].create(
            {
                "name": "Technical visit: what to prepare",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "Your technical visit",
                "body_html": "<p>Please give us access to the technical room.</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self._add_line(self.stage_visit, action="email", template_id=template.id)
        self.opportunity.stage_id = self.stage_visit
        self._flush()
        sent = self.opportunity.message_ids.filtered(
            lambda message: message.subject == "Your technical visit"
        )
        self.assertEqual(sent.partner_ids, self.customer)

    def test_other_business_events_move_opportunities_here(self):
        self._add_line(self.stage_visit, event="meeting_planned")
        self.env["calendar.event"].create(
            {
                "name": "Site survey",
                "opportunity_id": self.opportunity.id,
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now() + timedelta(hours=1),
            }
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_visit)
        self._add_line(self.stage_quote, event="email_received")
        self.opportunity.message_post(
            body="Send us your offer",
            author_id=self.customer.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_a_line_switched_off_stops_its_rule(self):
        line = self.stage_quote.move_automation_ids.filtered(
            lambda line: line.event == "quote_created"
        ).with_env(self.manager_env)
        line.enabled = False
        self.assertFalse(self.rule_quote.active)
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_a_salesman_reads_the_lines_and_changes_none(self):
        stage = self.stage_quote.with_user(self.user_sales_salesman)
        self.assertEqual(len(self._lines(stage)), 3)
        with self.assertRaises(AccessError):
            stage.move_automation_ids[:1].enabled = False
        with self.assertRaises(AccessError):
            self.env["crm.stage.automation"].with_user(self.user_sales_salesman).create(
                {"stage_id": self.stage_won.id, "event": "quote_confirmed"}
            )

    def test_a_line_writes_only_its_own_rule(self):
        other_rule = self.rule_quote_sent
        with self.assertRaises(AccessError):
            self._add_line(
                self.stage_won, event="quote_confirmed", rule_id=other_rule.id
            )
        line = self._add_line(self.stage_won, event="quote_confirmed")
        with self.assertRaises(AccessError):
            line.rule_id = other_rule

    def test_a_rule_changed_in_automation_rules_is_custom_and_never_rewritten(self):
        line = self._add_line(self.stage_won, event="quote_confirmed")
        rule = line.rule_id.sudo()
        consultant_domain = (
            "[('state', '=', 'sale'), ('opportunity_id', '!=', False), "
            "('amount_total', '>', 1000)]"
        )
        rule.filter_domain = consultant_domain
        self.assertTrue(line.is_custom)
        with self.assertRaisesRegex(ValidationError, "changed in Automation Rules"):
            line.event = "quote_sent"
        line.enabled = False
        self.assertFalse(rule.active, "switching it off rewrites nothing")
        self.assertEqual(rule.filter_domain, consultant_domain)
        line.unlink()
        self.assertTrue(rule.exists(), "a custom rule stays as the consultant left it")

    def test_a_line_changed_rewrites_its_rule(self):
        line = self._add_line(
            self.stage_estimate, action="activity", activity_type_id=self.call.id
        )
        line.write({"entry_action": "email", "template_id": self._template().id})
        action = line.rule_id.sudo().action_server_ids
        self.assertEqual((len(action), action.state), (1, "mail_post"))
        self.assertFalse(line.is_custom)

    def test_renaming_the_stage_renames_its_rules(self):
        line = self._add_line(self.stage_won, event="quote_confirmed")
        self.stage_won.with_env(self.manager_env).name = "Signed"
        self.assertTrue(line.rule_id.sudo().name.startswith("Signed: "))

    def test_deleting_a_stage_deletes_its_lines_and_their_rules(self):
        stage = self.env["crm.stage"].create({"name": "Financing", "sequence": 5})
        move = self._add_line(stage, event="quote_confirmed")
        entry = self._add_line(stage, action="activity", activity_type_id=self.call.id)
        rules = (move + entry).rule_id
        stage.with_env(self.manager_env).unlink()
        self.assertFalse(rules.exists())

    def test_the_dialog_speaks_french(self):
        self._ensure_french()
        stage = self.stage_won.with_context(lang="fr_FR")
        with (
            Form(stage, view="crm.crm_stage_form") as form,
            form.move_automation_ids.new() as line,
        ):
            line.event = "quote_confirmed"
        self.assertEqual(
            stage.move_automation_ids.rule_id.sudo().name,
            "Gagné : Un devis est confirmé → Avancer ici",
        )

    def test_a_rule_deleted_in_automation_rules_leaves_its_line_off(self):
        line = self._add_line(self.stage_won, event="quote_confirmed")
        line.rule_id.sudo().unlink()
        self.assertTrue(line.exists(), "nothing the manager set is lost")
        self.assertFalse(line.enabled)
        line.enabled = True
        self.assertTrue(line.rule_id.sudo().active, "its rule is written anew")
        self._confirm_a_quote()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
