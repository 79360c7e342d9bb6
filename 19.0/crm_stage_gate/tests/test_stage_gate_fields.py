from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import StageGateCase


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateFields(StageGateCase):
    """A stage requires only fields the opportunity's form shows a rep, and its
    sales administrator reads the opportunity's field definitions only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_env = cls.env(user=cls.user_sales_manager)
        cls.env["ir.model.fields"].create(
            {
                "name": "x_survey_note",
                "field_description": "Survey Note",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "ttype": "char",
                "groups": [fields.Command.link(cls.env.ref("base.group_system").id)],
            }
        )

    def _options(self):
        stage = self.stage_quote.with_env(self.manager_env)
        return set(stage.gate_field_option_ids.mapped("name"))

    def test_offered_fields_are_those_the_form_shows_a_rep(self):
        options = self._options()
        self.assertLessEqual(
            {"expected_revenue", "date_deadline", "partner_id", "description"}, options
        )
        hidden = {"x_survey_note", "lost_reason_id", "probability"}
        self.assertFalse(hidden & options)

    def test_requiring_a_field_not_offered_is_refused(self):
        for name in ("lost_reason_id", "x_survey_note"):
            with self.subTest(field=name), self.assertRaises(ValidationError):
                self.stage_quote.with_env(
                    self.manager_env
                ).gate_field_ids = self._lead_fields(name)

    def test_sales_administrator_reads_only_the_opportunity_fields(self):
        Fields = self.env["ir.model.fields"].with_env(self.manager_env)
        self.assertEqual(
            Fields.search_count([("model", "=", "crm.lead")]),
            self.env["ir.model.fields"].search_count([("model", "=", "crm.lead")]),
        )
        self.assertFalse(Fields.search_count([("model", "=", "res.partner")]))
        other = self.env["ir.model.fields"]._get("res.partner", "name")
        with self.assertRaises(AccessError):
            other.with_env(self.manager_env).read(["name"])
