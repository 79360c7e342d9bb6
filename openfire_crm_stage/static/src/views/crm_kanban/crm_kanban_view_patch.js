/** @odoo-module **/

import { patch } from "@web/core/utils/patch";
import { extractAttributes } from "@web/core/utils/xml";
import { CrmKanbanArchParser } from "@crm/views/crm_kanban/crm_kanban_arch_parser";
import { crmKanbanView } from "@crm/views/crm_kanban/crm_kanban_view";

/** The progress bar names the weighted revenue to sum, as crm does the recurring one. */
patch(CrmKanbanArchParser.prototype, {
    parseProgressBar(progressBar, fields) {
        const result = super.parseProgressBar(...arguments);
        const attrs = extractAttributes(progressBar, ["weighted_revenue_sum_field"]);
        result.weighted_revenue_sum_field = fields[attrs.weighted_revenue_sum_field] || false;
        return result;
    },
});

patch(crmKanbanView.Controller.prototype, {
    get progressBarAggregateFields() {
        const res = super.progressBarAggregateFields;
        const weightedField = this.props.archInfo.progressAttributes?.weighted_revenue_sum_field;
        if (weightedField && !res.some((field) => field.name === weightedField.name)) {
            res.push(weightedField);
        }
        return res;
    },
});
