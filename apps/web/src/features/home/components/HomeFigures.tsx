import { Anchor, Badge, Group, List, Progress, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import type { HomeSetupStep } from "@koperasi/contracts";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { Money } from "../../ledger/components/LedgerParts";
import { useAppPath } from "../../shell/hooks/useAppContext";
import type { HomeData } from "../api/home";
import { HomeCard } from "./HomeCard";
import { MonthFigures } from "./MonthFigures";

// The cards of the home screen, each from one section of GET /home.

// The chart library loads only when a home shows the twelve months.
const MonthsChart = lazy(async () => ({ default: (await import("./MonthsChart")).MonthsChart }));

const ROW_BORDER = "1px solid var(--mantine-color-gray-3)";

/** Her total savings first, then each account with its balance; each opens its mutasi. */
export function MySavingsCard({ mine, asOf }: { mine: NonNullable<HomeData["mine"]>; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const path = useAppPath();
  return (
    <HomeCard
      title={t("home.totalSavings")}
      testId="home-my-accounts"
      action={
        <Anchor component={Link} to={path("profil-saya")} size="sm" data-testid="home-profile-link">
          {t("home.myProfile")}
        </Anchor>
      }
    >
      <Money value={mine.total} fz={30} fw={700} data-testid="home-total-savings" />
      <Text size="xs" c="dimmed" mb="xs">
        {[mine.memberNumber, t("home.asOf", { date: formatDate(asOf, language) })].filter(Boolean).join(" · ")}
      </Text>
      {mine.accounts.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("home.noAccounts")}
        </Text>
      )}
      <Stack gap={0} role="list" data-testid="member-accounts">
        {mine.accounts.map((account, i) => (
          // The list item holds the link: a link may not itself be a list item.
          <div role="listitem" key={account.id}>
            <UnstyledButton
              component={Link}
              to={path(`rekening/${account.id}`)}
              py="xs"
              px={4}
              style={{ display: "block", borderTop: i > 0 ? ROW_BORDER : undefined }}
              data-testid="member-account"
            >
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text size="sm" fw={600} style={{ minWidth: 0 }}>
                  {account.name}
                </Text>
                <Money value={account.balance} fw={700} />
              </Group>
            </UnstyledButton>
          </div>
        ))}
      </Stack>
    </HomeCard>
  );
}

export function CashCard({ cash }: { cash: NonNullable<HomeData["cash"]> }) {
  const { t } = useTranslation();
  return (
    <HomeCard title={t("home.cashTitle")} testId="home-cash">
      <Money value={cash.balance} fz={28} fw={700} data-testid="home-cash-balance" />
      <Group gap="lg" mt={4} mb="xs">
        <Text size="sm">
          {t("home.cashToday")} · {t("home.cashIn")} <Money value={cash.todayIn} c="teal.9" fw={600} />
        </Text>
        <Text size="sm">
          {t("home.cashOut")} <Money value={cash.todayOut} c="red.9" fw={600} />
        </Text>
      </Group>
      <Stack gap={4}>
        {cash.accounts.map((account) => (
          <Group key={account.id} justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" style={{ minWidth: 0 }}>
              {account.name}
            </Text>
            <Money value={account.balance} size="sm" />
          </Group>
        ))}
      </Stack>
    </HomeCard>
  );
}

/** The last postings as rows that fit a phone: description and date over the voucher, the amount at the right. */
export function RecentCard({ recent, canOpen }: { recent: NonNullable<HomeData["recent"]>; canOpen: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const path = useAppPath();
  return (
    <HomeCard
      title={t("home.recentTitle")}
      testId="home-recent"
      action={
        canOpen ? (
          <Anchor component={Link} to={path("buku-besar/jurnal")} size="sm">
            {t("home.viewJournals")}
          </Anchor>
        ) : undefined
      }
    >
      {recent.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("home.noRecent")}
        </Text>
      )}
      <Stack gap={0} role="list">
        {recent.map((entry, i) => {
          const body = (
            <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" lineClamp={2}>
                  {entry.description}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(entry.businessDate, language)}
                  {entry.voucherNo ? ` · ${entry.voucherNo}` : ""}
                </Text>
              </div>
              <Money value={entry.amount} size="sm" fw={600} />
            </Group>
          );
          const style = { display: "block", borderTop: i > 0 ? ROW_BORDER : undefined };
          return canOpen ? (
            <div key={entry.id} role="listitem">
              <UnstyledButton component={Link} to={path(`buku-besar/jurnal/${entry.id}`)} py={6} style={style} data-testid="home-recent-entry">
                {body}
              </UnstyledButton>
            </div>
          ) : (
            <div key={entry.id} role="listitem" style={{ ...style, paddingBlock: 6 }} data-testid="home-recent-entry">
              {body}
            </div>
          );
        })}
      </Stack>
    </HomeCard>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Money value={value} fz="lg" fw={700} data-testid={testId} />
    </div>
  );
}

/** The position of the books and twelve months of it, as a chart or, one tap away, as figures. */
export function BooksCard({ books, cash }: { books: NonNullable<HomeData["books"]>; cash: number | undefined }) {
  const { t } = useTranslation();
  const [figures, setFigures] = useState(false);
  return (
    <HomeCard
      title={t("home.monthsTitle")}
      testId="home-books"
      action={
        <Anchor component="button" type="button" size="sm" onClick={() => setFigures((shown) => !shown)} aria-pressed={figures} data-testid="home-months-toggle">
          {figures ? t("home.showChart") : t("home.showFigures")}
        </Anchor>
      }
    >
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mb="sm">
        {cash !== undefined && <Figure label={t("home.cash")} value={cash} testId="home-books-cash" />}
        <Figure label={t("home.savings")} value={books.savings} testId="home-books-savings" />
        <Figure label={t("home.loans")} value={books.loansOutstanding} testId="home-books-loans" />
      </SimpleGrid>
      {figures ? (
        <MonthFigures months={books.months} />
      ) : (
        <Suspense fallback={<div style={{ height: 220 }} />}>
          <MonthsChart months={books.months} />
        </Suspense>
      )}
    </HomeCard>
  );
}

export function WaitingCard({ waiting }: { waiting: NonNullable<HomeData["waiting"]> }) {
  const { t } = useTranslation();
  const path = useAppPath();
  const none = waiting.pendingJournals === 0 && waiting.applications === 0;
  return (
    <HomeCard title={t("home.waitingTitle")} testId="home-waiting">
      {none ? (
        <Text size="sm" c="dimmed">
          {t("home.nothingWaiting")}
        </Text>
      ) : (
        <Stack gap={6}>
          {waiting.pendingJournals > 0 && (
            <Anchor component={Link} to={path("buku-besar/jurnal")} size="sm" data-testid="home-waiting-journals">
              {t("home.pendingJournals", { count: waiting.pendingJournals })}
            </Anchor>
          )}
          {waiting.applications > 0 && (
            <Anchor component={Link} to={path("permohonan-anggota")} size="sm" data-testid="home-waiting-applications">
              {t("home.applications", { count: waiting.applications })}
            </Anchor>
          )}
        </Stack>
      )}
    </HomeCard>
  );
}

export function ReviewCard({ review, canAudit }: { review: NonNullable<HomeData["review"]>; canAudit: boolean }) {
  const { t } = useTranslation();
  const path = useAppPath();
  return (
    <HomeCard title={t("home.reviewTitle")} testId="home-review">
      <Stack gap={6}>
        {review.screeningMatches > 0 ? (
          <Anchor component={Link} to={path("penyaringan")} size="sm" data-testid="home-review-screening">
            {t("home.screeningMatches", { count: review.screeningMatches })}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t("home.nothingToReview")}
          </Text>
        )}
        {canAudit && (
          <Anchor component={Link} to={path("audit")} size="sm">
            {t("home.viewAuditLog")}
          </Anchor>
        )}
      </Stack>
    </HomeCard>
  );
}

const SETUP_STEPS: readonly { step: HomeSetupStep; to: string }[] = [
  { step: "profile", to: "pengaturan/profil" },
  { step: "chartOfAccounts", to: "buku-besar/akun" },
  { step: "openingBalance", to: "buku-besar/saldo-awal" },
  { step: "members", to: "anggota/impor" },
  { step: "users", to: "pengguna" },
  { step: "modules", to: "pengaturan/modul" },
];

/** A new cooperative's first steps, each ticked by what the server finds done. */
export function SetupCard({ setup }: { setup: NonNullable<HomeData["setup"]> }) {
  const { t } = useTranslation();
  const path = useAppPath();
  const done = SETUP_STEPS.filter((s) => setup[s.step]).length;
  return (
    <HomeCard title={t("home.setupTitle")} testId="home-setup">
      <Text size="sm" c="dimmed" mb={4}>
        {t("home.setupProgress", { done, total: SETUP_STEPS.length })}
      </Text>
      <Progress value={(done / SETUP_STEPS.length) * 100} mb="sm" aria-label={t("home.setupProgress", { done, total: SETUP_STEPS.length })} />
      <List spacing={6} listStyleType="none" ml={0} pl={0}>
        {SETUP_STEPS.map(({ step, to }) => (
          <List.Item key={step} data-testid={`home-setup-${step}`} data-done={setup[step]}>
            <Group gap="xs" wrap="nowrap">
              <Badge color={setup[step] ? "green.9" : "gray"} variant={setup[step] ? "filled" : "light"} style={{ flexShrink: 0 }}>
                {setup[step] ? t("home.setupDone") : t("home.setupTodo")}
              </Badge>
              <Anchor component={Link} to={path(to)} size="sm">
                {t(`home.setupStep.${step}`)}
              </Anchor>
            </Group>
          </List.Item>
        ))}
      </List>
    </HomeCard>
  );
}
