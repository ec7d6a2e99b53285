import { Table } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A table wider than a phone (a statement, a history) scrolls sideways inside
 * a container of its own that says what it holds and takes the keyboard's
 * arrows, so the page itself never scrolls sideways.
 */
export function WideTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" role="region" aria-label={label} tabIndex={0}>
      {children}
    </Table.ScrollContainer>
  );
}
