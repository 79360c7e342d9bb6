from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ensure_french


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationTours(HttpCase):
    """A sales administrator switches on "a meeting is planned" on Signed and
    "plan a call in 2 days" on Site Survey, from the stages' dialogs; a rep's
    move then plans the call (static/tests/tours/stage_automation_tours.js), in
    English and in French."""

    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.users = {
            (role, lang): new_test_user(
                cls.env,
                login=f"automation_{role}_{lang}",
                name=f"{role.title()} ({lang})",
                groups=f"sales_team.group_sale_{role}",
                lang=lang,
            )
            for role in ("manager", "salesman")
            for lang in ("en_US", "fr_FR")
        }
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Installers",
                "member_ids": [Command.set([user.id for user in cls.users.values()])],
            }
        )
        cls.stage_inquiry, cls.stage_survey, cls.stage_signed = cls.env[
            "crm.stage"
        ].create(
            [
                {"name": name, "sequence": 40 + index}
                for index, name in enumerate(("Inquiry", "Site Survey", "Signed"))
            ]
        )
        cls.school = cls.env["crm.lead"].create(
            {
                "name": "School fire alarm",
                "type": "opportunity",
                "team_id": cls.team.id,
                "stage_id": cls.stage_inquiry.id,
            }
        )

    def _run(self, lang):
        manager, rep = self.users["manager", lang], self.users["salesman", lang]
        url = "/odoo/action-crm.crm_lead_action_pipeline"
        self.school.user_id = manager
        self.start_tour(
            url, f"crm_stage_automation_manager_{lang[:2]}", login=manager.login
        )
        signed_lines = self.stage_signed.move_automation_ids
        self.assertEqual(signed_lines.mapped("event"), ["meeting_planned"])
        self.assertTrue(signed_lines.rule_id.active)
        (call_line,) = self.stage_survey.entry_automation_ids
        self.assertEqual(
            (call_line.activity_type_id, call_line.delay_days),
            (self.env.ref("mail.mail_activity_data_call"), 2),
        )
        self.school.user_id = rep
        self.start_tour(url, f"crm_stage_automation_rep_{lang[:2]}", login=rep.login)
        self.assertEqual(self.school.stage_id, self.stage_survey)
        self.assertEqual(self.school.activity_ids.user_id, rep)

    def test_stage_automation_en(self):
        self._run("en_US")

    def test_stage_automation_fr(self):
        self._run("fr_FR")
