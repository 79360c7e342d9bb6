from datetime import timedelta

from odoo import Command, fields

from odoo.addons.sales_team.tests.common import TestSalesMC


class StageAutomationCase(TestSalesMC):
    """A pipeline of the test's own (Inquiry, Site Survey, Proposal, Signed), an
    opportunity in Inquiry, and a rule moving it to Proposal when a meeting is
    planned, as a sales manager's line writes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        if "company_id" in cls.env["crm.stage"]._fields:
            # OCA's crm_stage_multi_company gives stages the user's company
            cls.env["ir.default"].set("crm.stage", "company_id", False)
        cls.stage_new, cls.stage_survey, cls.stage_proposal, cls.stage_won = cls.env[
            "crm.stage"
        ].create(
            [
                {"name": "Inquiry", "sequence": 40},
                {"name": "Site Survey", "sequence": 41},
                {"name": "Proposal", "sequence": 42},
                {"name": "Signed", "sequence": 43, "is_won": True},
            ]
        )
        cls.survey_type = cls.env["mail.activity.type"].create(
            {"name": "Site survey", "res_model": "crm.lead"}
        )
        cls.call = cls.env.ref("mail.mail_activity_data_call")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Harbour Hotel", "email": "harbour@example.com"}
        )
        cls.meeting_line = cls.env["crm.stage.automation"].create(
            {"stage_id": cls.stage_proposal.id, "event": "meeting_planned"}
        )
        cls.rule_meeting = cls.meeting_line.rule_id
        cls.opportunity = cls._create_opportunity()
        # saved in an earlier request: Odoo tracks no change of a record created
        # in the same transaction
        cls.env.cr.flush()

    @classmethod
    def _create_opportunity(cls, **values):
        return cls.env["crm.lead"].create(
            {
                "name": "Smoke detectors for a hotel",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.sales_team_1.id,
                "user_id": cls.user_sales_salesman.id,
                "stage_id": cls.stage_new.id,
                **values,
            }
        )

    def _flush(self):
        """What Odoo's own automation tests do before reading the result."""
        self.env.flush_all()

    def _plan_meeting(self, opportunity=None, **values):
        opportunity = opportunity or self.opportunity
        meeting = (
            self.env["calendar.event"]
            .with_env(opportunity.env)
            .create(
                {
                    "name": "Site meeting",
                    "opportunity_id": opportunity.id,
                    "start": fields.Datetime.now(),
                    "stop": fields.Datetime.now() + timedelta(hours=1),
                    **values,
                }
            )
        )
        self._flush()
        return meeting

    def _explanations(self, opportunity):
        """The notes explaining an automated move, newest first."""
        self.env.flush_all()
        opportunity.invalidate_recordset(["message_ids"])
        return opportunity.message_ids.filtered(
            lambda message: "by the automation rule" in (message.body or "")
        )

    def _last_explanation(self, opportunity):
        return self._explanations(opportunity)[:1].body or ""

    def _rule_on_priority(self):
        """A consultant's rule on the opportunity itself: very high priority goes
        straight to Proposal."""
        return self.env["base.automation"].create(
            {
                "name": "Very high priority: straight to Proposal",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_priority_set",
                "trg_selection_field_id": self.env["ir.model.fields.selection"]
                .search(
                    [
                        ("field_id.model", "=", "crm.lead"),
                        ("field_id.name", "=", "priority"),
                        ("value", "=", "3"),
                    ]
                )
                .id,
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move forward to Proposal",
                            "model_id": self.env["ir.model"]._get_id("crm.lead"),
                            "state": "crm_stage",
                            "crm_stage_id": self.stage_proposal.id,
                        }
                    )
                ],
            }
        )


class StageLineCase(StageAutomationCase):
    """Stage lines added by a sales manager, as his dialog saves them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_env = cls.env(user=cls.user_sales_manager)

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

    def _receive_email(self, opportunity=None):
        (opportunity or self.opportunity).message_post(
            body="Send us your offer",
            author_id=self.customer.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self._flush()

    def _template(self, **values):
        return self.env["mail.template"].create(
            {
                "name": "Welcome",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "subject": "Welcome",
                **values,
            }
        )


def ensure_french(env):
    """Activate French and load the translations, as an admin adding it does."""
    lang = env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(
        ["mail", "crm", "crm_stage_automation"], ["fr_FR"]
    )
    return lang
