import { useMemo } from "react";
import { encodeQr } from "../../../lib/qr";

const QUIET_ZONE = 4;

/** A QR code as SVG: one path of dark squares on white, with the standard four-module quiet zone. */
export function QrCode({ value, size, label }: { value: string; size: number; label: string }) {
  const { path, extent } = useMemo(() => {
    const code = encodeQr(value, "M");
    let d = "";
    code.modules.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
      }),
    );
    return { path: d, extent: code.size + QUIET_ZONE * 2 };
  }, [value]);
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shapeRendering="crispEdges" data-testid="totp-qr">
      <rect width={extent} height={extent} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
