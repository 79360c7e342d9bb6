from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmStageDelete(models.TransientModel):
    """Move every lead and opportunity of stages, archived ones included, to another
    stage, then delete the stages."""

    _name = "crm.stage.delete"
    _description = "Move Opportunities and Delete Stages"

    stage_ids = fields.Many2many(
        "crm.stage",
        string="Stages to Delete",
        required=True,
        default=lambda self: self._default_stage_ids(),
    )
    target_stage_id = fields.Many2one(
        "crm.stage",
        string="Move to",
        required=True,
        domain="[('id', 'not in', stage_ids), '|', ('team_id', '=', False), "
        "('team_id', 'in', stage_team_ids)]",
    )
    stage_team_ids = fields.Many2many("crm.team", compute="_compute_stage_summary")
    active_lead_count = fields.Integer(
        compute="_compute_stage_summary", string="Active"
    )
    archived_lead_count = fields.Integer(
        compute="_compute_stage_summary", string="Archived (lost)"
    )

    @api.model
    def _default_stage_ids(self):
        if self.env.context.get("active_model") == "crm.stage":
            return self.env.context.get("active_ids")
        return False

    @api.depends("stage_ids")
    def _compute_stage_summary(self):
        for wizard in self:
            counts = wizard.stage_ids._count_leads_by_activity()
            wizard.active_lead_count = sum(
                count for (_stage, active), count in counts.items() if active
            )
            wizard.archived_lead_count = sum(
                count for (_stage, active), count in counts.items() if not active
            )
            wizard.stage_team_ids = wizard.stage_ids.team_id

    def action_move_and_delete(self):
        self.ensure_one()
        if self.target_stage_id in self.stage_ids:
            raise UserError(self.env._("Choose a stage that is not being deleted."))
        leads = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search([("stage_id", "in", self.stage_ids.ids)])
        )
        leads.write({"stage_id": self.target_stage_id.id})
        self.stage_ids.unlink()
        if self.env.context.get("active_model") == "crm.stage":
            # opened from the stages list or form: back to the stages that remain
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "crm.crm_stage_action"
            )
            return dict(action, target="main")
        # refused deletion in the pipeline: reload it, as a kanban restored in place
        # keeps the deleted columns
        return {"type": "ir.actions.client", "tag": "reload"}
