/** @odoo-module **/

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/** The days a stale opportunity has sat in its stage, as a red badge. */
export class StaleBadge extends Component {
    static template = "crm_stage_stale.StaleBadge";
    static props = standardFieldProps;

    get label() {
        const days = this.props.record.data[this.props.name];
        return days === 1 ? _t("1 day") : _t("%s days", days);
    }
}

registry.category("fields").add("crm_stage_stale_badge", {
    component: StaleBadge,
    supportedTypes: ["integer"],
});
