import { patch } from "@web/core/utils/patch";
import { extractAttributes } from "@web/core/utils/xml";
import { CrmKanbanArchParser } from "@crm/views/crm_kanban/crm_kanban_arch_parser";

/** The progress bar names the field its columns show as weighted revenue. */
patch(CrmKanbanArchParser.prototype, {
    parseProgressBar(progressBar, fields) {
        const result = super.parseProgressBar(...arguments);
        const attrs = extractAttributes(progressBar, ["weighted_revenue_sum_field"]);
        result.weighted_revenue_sum_field = fields[attrs.weighted_revenue_sum_field] || false;
        return result;
    },
});
