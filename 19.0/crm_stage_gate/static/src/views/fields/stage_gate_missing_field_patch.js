import { patch } from "@web/core/utils/patch";
import { Field } from "@web/views/fields/field";
import { FormLabel } from "@web/views/form/form_label";

/**
 * The fields a stage requires and the opportunity lacks, named in the context by
 * the server's refusal to move it: marked as invalid until filled in, without
 * blocking the save.
 */
function isMissingForStage(record, fieldName) {
    if (!record.context?.stage_gate_missing_fields?.includes(fieldName)) {
        return false;
    }
    const value = record.data[fieldName];
    if (value?.records) {
        return !value.records.length;
    }
    if (record.fields[fieldName].type === "html") {
        return !String(value || "").replace(/<[^>]*>/g, "").trim();
    }
    return !value;
}

patch(Field.prototype, {
    get classNames() {
        const classNames = super.classNames;
        if (isMissingForStage(this.props.record, this.props.name)) {
            classNames.o_field_invalid = true;
        }
        return classNames;
    },
});

patch(FormLabel.prototype, {
    get className() {
        const className = super.className;
        if (isMissingForStage(this.props.record, this.props.fieldName)) {
            return `${className} o_field_invalid`;
        }
        return className;
    },
});
