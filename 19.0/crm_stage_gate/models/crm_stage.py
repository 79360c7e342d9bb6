import json

from lxml import etree

from odoo import Command, api, fields, models
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
# Left by an uninstallation, read by the reinstallation: what each stage required
# in the fields whose columns went away, {field name: {stage ID: value}}.
KEPT_AT_UNINSTALL = "crm_stage_gate.kept_at_uninstall"


class CrmStage(models.Model):
    """What an opportunity must have before it enters the stage (its gate): fields
    filled in, and conditions on documents that other addons add
    (``_gate_conditions``)."""

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

    # addons adding conditions add their fields to these two computes' depends
    @api.depends("gate_field_ids")
    def _compute_is_gated(self):
        for stage in self:
            stage.is_gated = bool(stage.gate_field_ids or stage._gate_conditions())

    @api.depends_context("uid")
    def _compute_gate_field_option_ids(self):
        self.gate_field_option_ids = self._gate_field_options()

    @api.depends("gate_field_ids")
    @api.depends_context("lang")
    def _compute_gate_summary(self):
        for stage in self:
            labels = list(stage._gate_field_labels().values())
            labels += [label for _condition, label in stage._gate_conditions()]
            stage.gate_summary = format_list(self.env, labels)

    @api.constrains("gate_field_ids")
    def _check_gate_field_ids(self):
        options = self._gate_field_options()
        for stage in self:
            fields_ = stage.sudo().gate_field_ids
            refused = fields_ - options
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
        """[(condition, label)] of what entering this stage requires besides its
        fields, labelled in the user's language: none here. Addons extend it
        with their own conditions, and ``crm.lead._meeting_condition`` with how
        an opportunity meets them."""
        self.ensure_one()
        return []

    # ------------------------------------------------------------
    # UNINSTALLATION / REINSTALLATION
    # ------------------------------------------------------------

    @api.model
    def _note_gate_settings(self, field_names):
        """Note what the stages require in ``field_names``, whose columns go
        away with the addon defining them: its reinstallation gives them back
        (``_restore_gate_settings``). Called by each addon's uninstall hook."""
        kept = self._kept_gate_settings()
        stages = self.with_context(active_test=False).search([("is_gated", "=", True)])
        for name in field_names:
            kept[name] = {
                str(stage.id): stage[name].ids
                if self._fields[name].relational
                else stage[name]
                for stage in stages
                if stage[name]
            }
        self.env["ir.config_parameter"].sudo().set_param(
            KEPT_AT_UNINSTALL, json.dumps(kept)
        )

    @api.model
    def _restore_gate_settings(self):
        """Give the stages back what they required in the noted fields that are
        defined again. Called by each addon's post-init hook."""
        kept = self._kept_gate_settings()
        for name in [name for name in kept if name in self._fields]:
            field = self._fields[name]
            for stage_id, value in kept.pop(name).items():
                if field.relational:
                    records = self.env[field.comodel_name].browse(value).exists()
                    value = [Command.set(records.ids)]
                self.browse(int(stage_id)).exists().write({name: value})
        # False removes the parameter
        self.env["ir.config_parameter"].sudo().set_param(
            KEPT_AT_UNINSTALL, bool(kept) and json.dumps(kept)
        )

    @api.model
    def _kept_gate_settings(self):
        value = self.env["ir.config_parameter"].sudo().get_param(KEPT_AT_UNINSTALL)
        return json.loads(value) if value else {}
