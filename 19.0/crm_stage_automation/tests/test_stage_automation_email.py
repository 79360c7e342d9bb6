from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import StageLineCase
from .test_stage_automation import ACTION_LOGGER

# What a salesman may write in a template once Restrict Template Rendering is off.
# Odoo renders a template as its writer saves it, on one record he reads: this one
# reads the secret only for an opportunity in the stage ({stage}).
READS_THE_SECRET = (
    '<p>Key: <t t-if="object.stage_id.id == {stage}" '
    "t-out=\"object.env['ir.config_parameter'].get_param('database.secret')\"/></p>"
)


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationEmail(StageLineCase):
    """A line's email renders and posts with the rights of the sales manager who
    chose its template, not as the superuser running automation rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # every employee may then write dynamic templates, as Odoo documents it
        cls.env["ir.config_parameter"].set_param(
            "mail.restrict.template.rendering", False
        )
        cls.secret = cls.env["ir.config_parameter"].get_param("database.secret")

    def _salesmans_template(self, body):
        return (
            self.env["mail.template"]
            .with_user(self.user_sales_salesman)
            .create(
                {
                    "name": "Site survey: what to prepare",
                    "model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "subject": "Your site survey",
                    "body_html": body,
                    "partner_to": "{{ object.partner_id.id }}",
                }
            )
        )

    def _enter_the_survey_stage(self, opportunity=None):
        """A salesman moves his opportunity into the stage."""
        opportunity = opportunity or self.opportunity
        opportunity.with_user(self.user_sales_salesman).stage_id = self.stage_survey
        self._flush()

    def _emails(self, opportunity=None):
        return (opportunity or self.opportunity).message_ids.filtered(
            lambda message: message.subject == "Your site survey"
        )

    def test_a_template_reading_the_database_secret_keeps_it_secret(self):
        template = self._salesmans_template(
            READS_THE_SECRET.format(stage=self.stage_survey.id)
        )
        line = self._add_line(
            self.stage_survey, action="email", template_id=template.id
        )
        self.assertEqual(line.template_user_id, self.user_sales_manager)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            self._enter_the_survey_stage()
        self.assertIn("not sent as user_sales_manager", logs.output[0])
        self.assertEqual(self.opportunity.stage_id, self.stage_survey, "it moves")
        self.assertFalse(self._emails())
        bodies = "".join(self.opportunity.message_ids.mapped("body"))
        self.assertNotIn(self.secret, bodies)

    def test_a_harmless_template_is_posted_in_the_name_of_its_chooser(self):
        template = self._salesmans_template(
            '<p>Dear <t t-out="object.partner_id.name"/>, see you soon.</p>'
        )
        self._add_line(self.stage_survey, action="email", template_id=template.id)
        self._enter_the_survey_stage()
        email = self._emails()
        self.assertEqual(len(email), 1)
        self.assertIn("Dear Harbour Hotel", email.body)
        self.assertEqual(email.partner_ids, self.customer)
        self.assertEqual(email.author_id, self.user_sales_manager.partner_id)

    def test_opportunities_the_chooser_may_not_read_get_no_email(self):
        """A manager of the main company chose the template: an opportunity of
        the second company enters the stage without it."""
        manager_main = new_test_user(
            self.env,
            login="manager_main_company",
            groups="sales_team.group_sale_manager",
            company_id=self.company_main.id,
            company_ids=[Command.set(self.company_main.ids)],
        )
        template = self._salesmans_template("<p>See you soon.</p>")
        self.stage_survey.with_user(manager_main).entry_automation_ids = [
            Command.create({"action": "email", "template_id": template.id})
        ]
        other = self._create_opportunity(
            team_id=self.team_c2.id, company_id=self.company_2.id, user_id=False
        )
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            other.stage_id = self.stage_survey
            self._flush()
        self.assertIn("may not read them", logs.output[0])
        self.assertEqual(other.stage_id, self.stage_survey)
        self.assertFalse(self._emails(other))
        self._enter_the_survey_stage()
        self.assertEqual(len(self._emails()), 1, "those he reads get it")

    def test_whoever_changes_the_template_becomes_its_chooser(self):
        line = self._add_line(
            self.stage_survey, action="email", template_id=self._template().id
        )
        with self.assertRaises(AccessError):
            line.template_user_id = self.user_admin
        line.with_user(self.user_admin).template_id = self._template(name="Other")
        self.assertEqual(line.template_user_id, self.user_admin)
