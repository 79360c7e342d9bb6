/** @odoo-module **/

import { patch } from "@web/core/utils/patch";
import { exprToBoolean } from "@web/core/utils/strings";
import { CrmKanbanArchParser } from "@crm/views/crm_kanban/crm_kanban_arch_parser";

/** The progress bar says whether its columns show their weighted revenue. */
patch(CrmKanbanArchParser.prototype, {
    parseProgressBar(progressBar) {
        const result = super.parseProgressBar(...arguments);
        result.company_revenue_totals = exprToBoolean(
            progressBar.getAttribute("company_revenue_totals")
        );
        return result;
    },
});
