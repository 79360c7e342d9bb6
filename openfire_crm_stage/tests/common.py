from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sales_team.tests.common import TestSalesMC


def set_shipped_stages(cls):
    """The module's pipeline on a test class: New, Estimate, Technical Visit,
    Quote, Won."""
    cls.stage_new = cls.env.ref("crm.stage_lead1")
    cls.stage_estimate = cls.env.ref("crm.stage_lead2")
    cls.stage_visit = cls.env.ref("openfire_crm_stage.stage_technical_visit")
    cls.stage_quote = cls.env.ref("crm.stage_lead3")
    cls.stage_won = cls.env.ref("crm.stage_lead4")


class OpenfireStageCase(TestSalesMC):
    """Pipeline of the module plus sales users of two companies (see TestSalesMC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test database speaks French, as a French installer's: assert in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        set_shipped_stages(cls)
        cls.stage_manual = cls.env["crm.stage"].create(
            {
                "name": "Negotiation (scored by PLS)",
                "sequence": 5,
                "probability": 60,
                "on_change": False,
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "SDIS Ille-et-Vilaine"})
        if "company_id" in cls.env["crm.stage"]._fields:
            # OCA's crm_stage_multi_company gives stages a company, the user's by
            # default: these tests' stages serve every company, as the module's
            cls.env["crm.stage"].search([]).company_id = False
            cls.env["ir.default"].set("crm.stage", "company_id", False)

    @classmethod
    def _create_opportunity(cls, **values):
        return cls.env["crm.lead"].create(
            {
                "name": "Fire alarm for a school",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "team_id": cls.sales_team_1.id,
                "user_id": cls.user_sales_salesman.id,
                **values,
            }
        )

    def _queries_of(self, operation):
        """The queries ``operation`` costs from cold caches, flushed as the end of
        a request does. Compared with each other rather than with fixed numbers:
        other modules installed beside this one (OCA's stage addons) add their
        own queries to the same operations."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    @classmethod
    def _ensure_french(cls):
        return ensure_french(cls.env)


class StageHistoryCase(OpenfireStageCase):
    """Opportunities with stage histories of known dates, as Odoo's tracking
    writes them, for the reports over the stage history."""

    def _opportunity(self, created, moves, team=None, **values):
        """An opportunity created on ``created`` in the first stage of ``moves``,
        then moved on each (date, stage) that follows."""
        (_date, first), *changes = moves
        lead = self._create_opportunity(
            stage_id=first.id, team_id=(team or self.sales_team_1).id, **values
        )
        self._flush_tracking()
        for date, stage in changes:
            self._move(lead, stage, date)
        self._set_date("crm_lead", "create_date", lead.id, created)
        return lead

    def _move(self, lead, stage, date):
        """``lead`` moved to ``stage`` on ``date``."""
        lead.write({"stage_id": stage.id})
        self._flush_tracking()
        change = lead.message_ids.tracking_value_ids.filtered(
            lambda tracking: tracking.field_id.name == "stage_id"
        ).sorted("id")[-1]
        self.assertEqual(change.new_value_integer, stage.id)
        self._set_date("mail_message", "date", change.mail_message_id.id, date)

    def _flush_tracking(self):
        """What the end of a request does: tracking is written before commit."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _set_date(self, table, column, record_id, date):
        self.env.flush_all()
        self.env.cr.execute(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",
            (date, record_id),
        )
        self.env.invalidate_all()

    def _win(self, lead, date):
        self._move(lead, self.stage_won, date)
        self._set_date("crm_lead", "date_closed", lead.id, date)

    def _lose(self, leads, date):
        leads.action_set_lost()
        for lead in leads:
            self._set_date("crm_lead", "date_closed", lead.id, date)


def ensure_french(env):
    """Activate French and load the translations of the module and its
    dependencies, as an admin adding the language does."""
    lang = env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(
        [
            "mail",
            "crm",
            "sale",
            "crm_stage_gate",
            "crm_stage_gate_sale",
            "openfire_crm_stage",
        ],
        ["fr_FR"],
    )
    return lang


class TourCase(HttpCase):
    """Tours in Chromium, in English and in French: one user per language, both
    members of one sales team, on a database that speaks French."""

    browser_size = "1920x1080"
    tour_login = "openfire_user"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        set_shipped_stages(cls)
        cls.users = {
            lang: new_test_user(
                cls.env,
                login=f"{cls.tour_login}_{lang}",
                name=f"{cls.tour_user_name} ({lang})",
                groups=cls.tour_groups,
                lang=lang,
            )
            for lang in ("en_US", "fr_FR")
        }
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Brittany installers",
                "member_ids": [Command.set([user.id for user in cls.users.values()])],
            }
        )
