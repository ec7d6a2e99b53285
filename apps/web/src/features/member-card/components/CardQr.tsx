import { Box } from "@mantine/core";
import { svgImageSource } from "../offline-card";

/** A QR code drawn by the server, on white with its quiet zone, large enough for a scanner across the counter. */
export function CardQr({ svg, label, code, testId }: { svg: string; label: string; code?: string; testId: string }) {
  return (
    <Box bg="white" p={4} style={{ borderRadius: 8, lineHeight: 0 }}>
      <img src={svgImageSource(svg)} alt={label} width={220} height={220} style={{ width: "min(220px, 60vw)", height: "auto" }} data-testid={testId} data-code={code} />
    </Box>
  );
}
