from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_list

# The opportunity fields a stage may require: stored ones a rep fills in the form.
# Left out: what is always set (required, boolean, a default like the priority),
# what the stage itself sets (stage, probability), what only lost opportunities or
# the system hold, and values without a plain "filled" meaning (one2many,
# properties, files).
GATE_FIELD_TYPES = [
    "char",
    "text",
    "html",
    "date",
    "datetime",
    "integer",
    "float",
    "monetary",
    "selection",
    "many2one",
    "many2many",
]
GATE_FIELDS_LEFT_OUT = [
    "stage_id",
    "probability",
    "lost_reason_id",
    "priority",
    "color",
    "message_bounce",
]
GATE_FIELD_DOMAIN = [
    ("model", "=", "crm.lead"),
    ("store", "=", True),
    ("readonly", "=", False),
    ("required", "=", False),
    ("ttype", "in", GATE_FIELD_TYPES),
    ("name", "not in", GATE_FIELDS_LEFT_OUT),
    # fields restricted to some groups are not every rep's to fill
    ("groups", "=", False),
]
# how a form view hides a field for good
INVISIBLE = ("1", "True", "true")


class CrmStage(models.Model):
    """What an opportunity must have before it enters the stage (its gate): fields
    filled in, and documents (a quote, a technical visit)."""

    _inherit = "crm.stage"

    # sales administrators read the opportunity's field definitions for these
    # two fields (security/): reps read the summary, never the fields
    gate_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_stage_gate_field_rel",
        "stage_id",
        "field_id",
        string="Fields to Fill",
        domain="[('id', 'in', gate_field_option_ids)]",
        groups="sales_team.group_sale_manager",
        help="An opportunity enters this stage only with these fields filled in "
        "(a number other than 0).",
    )
    gate_field_option_ids = fields.Many2many(
        "ir.model.fields",
        string="Fields a Stage May Require",
        compute="_compute_gate_field_option_ids",
        groups="sales_team.group_sale_manager",
    )
    gate_quote = fields.Selection(
        [("created", "Created"), ("sent", "Sent"), ("confirmed", "Confirmed")],
        string="Quote",
        help="An opportunity enters this stage only with a quotation of costing type "
        "Quote, not cancelled: created, sent (or confirmed), or confirmed.",
    )
    gate_technical_visit = fields.Boolean(
        string="Technical Visit Planned or Done",
        help="An opportunity enters this stage only with a Technical Visit activity "
        "planned, or done.",
    )
    # a column read with the stage: moving into a stage without requirements
    # costs no query (the fields to fill are a table of their own)
    is_gated = fields.Boolean(
        string="Has Requirements to Enter",
        compute="_compute_is_gated",
        store=True,
        compute_sudo=True,
    )
    gate_summary = fields.Text(
        string="Required to Enter",
        compute="_compute_gate_summary",
        compute_sudo=True,
        help="What an opportunity must have to enter this stage, shown over the "
        "column's name in the pipeline.",
    )

    # ------------------------------------------------------------
    # COMPUTE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("gate_field_ids", "gate_quote", "gate_technical_visit")
    def _compute_is_gated(self):
        for stage in self:
            stage.is_gated = bool(
                stage.gate_field_ids or stage.gate_quote or stage.gate_technical_visit
            )

    @api.depends_context("uid")
    def _compute_gate_field_option_ids(self):
        self.gate_field_option_ids = self._gate_field_options()

    @api.depends("gate_field_ids", "gate_quote", "gate_technical_visit")
    @api.depends_context("lang")
    def _compute_gate_summary(self):
        for stage in self:
            labels = list(stage._gate_field_labels().values())
            labels += [label for _condition, label in stage._gate_conditions()]
            stage.gate_summary = format_list(self.env, labels)

    @api.constrains("gate_field_ids")
    def _check_gate_field_ids(self):
        for stage in self:
            fields_ = stage.sudo().gate_field_ids
            refused = fields_ - self._gate_field_options()
            if refused:
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s cannot require %(fields)s: choose fields "
                        "of the opportunity that a sales rep fills in.",
                        stage=stage.name,
                        fields=format_list(
                            self.env, refused.mapped("field_description")
                        ),
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _gate_field_options(self):
        """The opportunity fields a stage may require: those of GATE_FIELD_DOMAIN
        that the opportunity's form shows to this user, for a rep to fill."""
        arch = etree.fromstring(self.env["crm.lead"].get_view(view_type="form")["arch"])
        # the form's own fields, not those of its lines' sub-views
        shown = {
            node.get("name")
            for node in arch.iter("field")
            if node.get("invisible") not in INVISIBLE
            and not any(parent.tag == "field" for parent in node.iterancestors())
        }
        return (
            self.env["ir.model.fields"]
            .sudo()
            .search(GATE_FIELD_DOMAIN + [("name", "in", list(shown))])
            .with_env(self.env)
        )

    def _gate_field_labels(self):
        """{name: label} of the opportunity fields to fill to enter this stage, in
        the order of their labels in the user's language."""
        self.ensure_one()
        if not self.is_gated:
            return {}
        # names and labels from the registry's caches: no query on ir.model.fields
        names_by_id = {
            field_id: name
            for name, field_id in self.env["ir.model.fields"]
            ._get_ids("crm.lead")
            .items()
        }
        Lead = self.env["crm.lead"]
        labels = {
            name: Lead._fields[name]._description_string(self.env)
            for name in (
                names_by_id.get(field_id) for field_id in self.sudo().gate_field_ids.ids
            )
            if name in Lead._fields
        }
        return dict(sorted(labels.items(), key=lambda item: item[1]))

    def _gate_conditions(self):
        """[(condition, label)] of the documents entering this stage requires,
        labelled in the user's language."""
        self.ensure_one()
        conditions = []
        if self.gate_quote:
            conditions.append(
                (
                    f"quote_{self.gate_quote}",
                    {
                        "created": self.env._("a quote"),
                        "sent": self.env._("a quote sent"),
                        "confirmed": self.env._("a confirmed quote"),
                    }[self.gate_quote],
                )
            )
        if self.gate_technical_visit:
            conditions.append(
                ("technical_visit", self.env._("a technical visit planned or done"))
            )
        return conditions
