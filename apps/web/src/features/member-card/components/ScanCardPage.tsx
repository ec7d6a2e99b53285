import { Avatar, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { ResolvedCard } from "../api/member-card";
import { useResolveCard } from "../hooks/useMemberCard";

// The kasir's scanner. Where the browser has the BarcodeDetector API (Chrome
// on Android, the counter's usual device) the camera reads the QR directly;
// elsewhere, or when the camera is refused, the code is typed or pasted —
// a handheld scanner that types like a keyboard works the same way.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorConstructor | undefined {
  return (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
}

const SCAN_INTERVAL_MS = 300;

function useCameraScanner(onCode: (code: string) => void) {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<"unsupported" | "denied" | null>(barcodeDetector() ? null : "unsupported");
  const streamRef = useRef<MediaStream | null>(null);

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setActive(false);
  }, []);

  const start = useCallback(async () => {
    const Detector = barcodeDetector();
    if (!Detector || !navigator.mediaDevices?.getUserMedia) {
      setProblem("unsupported");
      return;
    }
    try {
      streamRef.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch {
      setProblem("denied");
      return;
    }
    setProblem(null);
    setActive(true);
  }, []);

  useEffect(() => {
    const Detector = barcodeDetector();
    const video = videoRef.current;
    if (!active || !Detector || !video || !streamRef.current) return;
    video.srcObject = streamRef.current;
    void video.play().catch(() => undefined);
    const detector = new Detector({ formats: ["qr_code"] });
    let busy = false;
    const timer = window.setInterval(async () => {
      if (busy || video.readyState < 2) return;
      busy = true;
      try {
        const [found] = await detector.detect(video);
        if (found?.rawValue) {
          stop();
          onCode(found.rawValue);
        }
      } catch {
        // A frame the detector cannot read: try the next one.
      } finally {
        busy = false;
      }
    }, SCAN_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [active, onCode, stop]);

  useEffect(() => stop, [stop]);
  return { videoRef, active, problem, start, stop };
}

function ResolvedMember({ result }: { result: ResolvedCard }) {
  const { t } = useTranslation();
  const can = useCan();
  const path = useAppPath();
  const { member } = result;
  const active = member.status === "aktif";
  return (
    <Paper withBorder p="md" radius="md" data-testid="scan-result" maw={480}>
      <Group wrap="nowrap" align="flex-start">
        <Avatar src={member.photoUrl} size={72} radius="md" alt={t("scanCard.photoAlt", { name: member.fullName })}>
          {member.fullName.slice(0, 1)}
        </Avatar>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={700} size="lg" data-testid="scan-result-name">
            {member.fullName}
          </Text>
          <Text size="sm" data-testid="scan-result-number">
            {member.memberNumber}
          </Text>
          <Group gap="xs">
            <Badge color={active ? "green" : "red"} variant="light" data-testid="scan-result-status">
              {t(`memberStatus.${member.status}`)}
            </Badge>
            <Badge color="gray" variant="outline">
              {t(`scanCard.via.${result.via}`)}
            </Badge>
          </Group>
          {result.cardSerial && (
            <Text size="xs" c="dimmed">
              {t("memberCard.serial")}: {result.cardSerial}
            </Text>
          )}
          {!active && (
            <Text size="sm" c="red">
              {t("scanCard.notActive")}
            </Text>
          )}
          {can("members.card_issue") && (
            <Button component={Link} to={path(`anggota/${member.id}/kartu`)} variant="subtle" size="compact-sm" px={0} data-testid="scan-result-cards">
              {t("scanCard.manageCards")}
            </Button>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Pindai kartu: who is at the counter, from her app's QR, her printed card, or the card number. */
export function ScanCardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("scanCard.title"));
  const { koperasiId } = useAppContext();
  const resolve = useResolveCard(koperasiId);
  const { mutate } = resolve;
  const [code, setCode] = useState("");
  const submit = useCallback(
    (value: string) => {
      const trimmed = value.trim();
      if (trimmed) mutate(trimmed);
    },
    [mutate],
  );
  const scanner = useCameraScanner(
    useCallback(
      (scanned: string) => {
        setCode(scanned);
        submit(scanned);
      },
      [submit],
    ),
  );

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t("scanCard.title")}
      </Title>
      <Text size="sm" c="dimmed" maw={560}>
        {t("scanCard.intro")}
      </Text>
      <Stack gap="xs" maw={480}>
        {scanner.active ? (
          <>
            <video ref={scanner.videoRef} muted playsInline style={{ width: "100%", borderRadius: 8, background: "black" }} data-testid="scan-video" />
            <Button variant="default" onClick={scanner.stop}>
              {t("scanCard.stopCamera")}
            </Button>
          </>
        ) : (
          scanner.problem !== "unsupported" && (
            <Button onClick={() => void scanner.start()} data-testid="scan-start-camera">
              {t("scanCard.startCamera")}
            </Button>
          )
        )}
        {scanner.problem && (
          <Text size="sm" c="dimmed" data-testid="scan-camera-problem">
            {t(scanner.problem === "unsupported" ? "scanCard.cameraUnsupported" : "scanCard.cameraDenied")}
          </Text>
        )}
      </Stack>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
        style={{ maxWidth: 480 }}
      >
        <Stack gap="xs">
          <TextInput
            label={t("scanCard.codeLabel")}
            description={t("scanCard.codeHint")}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="scan-code-input"
          />
          <Group>
            <Button type="submit" loading={resolve.isPending} data-testid="scan-submit">
              {t("scanCard.submit")}
            </Button>
            {(resolve.data || resolve.error) && (
              <Button
                variant="subtle"
                onClick={() => {
                  setCode("");
                  resolve.reset();
                }}
              >
                {t("scanCard.next")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {resolve.error && <ErrorAlert error={resolve.error} title={t("scanCard.refused")} />}
      {resolve.data && <ResolvedMember result={resolve.data} />}
    </Stack>
  );
}
