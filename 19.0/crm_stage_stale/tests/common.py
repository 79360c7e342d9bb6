from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sales_team.tests.common import TestSalesMC


class StaleStageCase(TestSalesMC):
    """Stages of the tests' own, with or without days to rot, and sales users
    of two companies (see TestSalesMC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # assert in English whatever the database speaks
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.stage_survey, cls.stage_quote, cls.stage_empty = cls.env[
            "crm.stage"
        ].create(
            [
                {"name": "Site Survey", "sequence": 2, "rotting_threshold_days": 14},
                {"name": "Proposal", "sequence": 3},
                {"name": "Negotiation", "sequence": 4},
            ]
        )
        cls.customer = cls.env["res.partner"].create({"name": "SDIS Ille-et-Vilaine"})
        if "company_id" in cls.env["crm.stage"]._fields:
            # OCA's crm_stage_multi_company gives stages a company, the user's by
            # default: these tests' stages serve every company
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
        other modules installed beside this one add their own queries to the same
        operations."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before


def kanban_specification(Lead):
    """What the pipeline reads of each card, as ``Lead``'s user sees it."""
    kanban = Lead.get_views([(False, "kanban")])["views"]["kanban"]
    return {
        name: {"fields": {"display_name": {}}} if Lead._fields[name].relational else {}
        for name in etree.fromstring(kanban["arch"]).xpath("//field/@name")
    }


def ensure_french(env):
    """Activate French and load the translations of the module and its
    dependencies, as an admin adding the language does."""
    lang = env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(
        ["web", "mail", "crm", "crm_stage_stale"], ["fr_FR"]
    )
    return lang


class TourCase(HttpCase):
    """Tours in Chromium, in English and in French: one user per language, both
    members of one sales team, on a database that speaks French."""

    browser_size = "1920x1080"
    tour_login = "stale_user"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
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
