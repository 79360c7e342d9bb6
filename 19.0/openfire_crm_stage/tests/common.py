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
