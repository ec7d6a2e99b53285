import "@mantine/dates/styles.css";
import "dayjs/locale/id";
import { DateInput, DatesProvider, type DateInputProps } from "@mantine/dates";
import { parseDateEntry } from "../lib/date-entry";
import { useLanguage } from "../lib/useLanguage";

export type DateFieldProps = Omit<DateInputProps, "value" | "defaultValue" | "onChange" | "valueFormat" | "dateParser"> & {
  /** ISO `YYYY-MM-DD`, or "" for none. */
  value: string;
  onChange: (value: string) => void;
};

/**
 * A date entered and shown as DD/MM/YYYY with month names in the app's
 * language, whatever the browser's locale; the value stays ISO. The
 * calendar is Mantine's, not the browser's.
 */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const language = useLanguage();
  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
      <DateInput
        valueFormat="DD/MM/YYYY"
        placeholder="DD/MM/YYYY"
        dateParser={parseDateEntry}
        value={value === "" ? null : value}
        onChange={(next) => onChange(next ?? "")}
        popoverProps={{ withinPortal: true }}
        {...props}
      />
    </DatesProvider>
  );
}
