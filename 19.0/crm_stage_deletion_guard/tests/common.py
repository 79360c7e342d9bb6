from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sales_team.tests.common import TestSalesMC


def ensure_french(env):
    """Activate French and load the translations of this addon and of those it
    shows, as an admin adding the language does."""
    lang = env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(
        ["mail", "crm", "crm_stage_deletion_guard"], ["fr_FR"]
    )
    return lang


class StageDeletionCase(TestSalesMC):
    """Stages of its own, and sales users of two companies (see TestSalesMC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a database may speak French: assert in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.stage_new, cls.stage_visit, cls.stage_audit, cls.stage_quote = cls.env[
            "crm.stage"
        ].create(
            [
                {"name": "Lead In", "sequence": 1},
                {"name": "Site Survey", "sequence": 2},
                {"name": "Safety audit", "sequence": 3},
                {"name": "Quote Sent", "sequence": 4},
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


class DeletionTourCase(HttpCase):
    """Tours in Chromium, in English and in French: a sales administrator per
    language, both members of one sales team."""

    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.users = {
            lang: new_test_user(
                cls.env,
                login=f"stage_deletion_manager_{lang}",
                name=f"Claire Manager ({lang})",
                groups="sales_team.group_sale_manager",
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
