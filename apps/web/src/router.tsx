import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { createBrowserRouter, Outlet, useParams, type RouteObject } from "react-router-dom";
import type { Action } from "@koperasi/domain";
import { FullPageLoader } from "./components/FullPageLoader";
import { NotFoundPage } from "./components/NotFoundPage";
import { ForgotPasswordPage } from "./features/auth/components/ForgotPasswordPage";
import { LoginPage } from "./features/auth/components/LoginPage";
import { KoperasiLoginPage } from "./features/koperasi/components/KoperasiLoginPage";
import { KoperasiScope } from "./features/koperasi/components/KoperasiScope";
import { LandingPage } from "./features/landing/components/LandingPage";
import { RequirePermission } from "./features/shell/components/RequirePermission";
import { RequireSession } from "./features/shell/components/RequireSession";

// Public pages are in the first bundle; the registration wizard, the
// signed-in app and the operator console load when first opened.

function lazyNamed<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const RegistrationPage = lazyNamed(() => import("./features/registration/components/RegistrationPage"), "RegistrationPage");
const AcceptInvitationPage = lazyNamed(() => import("./features/invitation/components/AcceptInvitationPage"), "AcceptInvitationPage");
const OperatorPage = lazyNamed(() => import("./features/operator/components/OperatorPage"), "OperatorPage");
const AppLayout = lazyNamed(() => import("./features/shell/components/AppLayout"), "AppLayout");
const HomePage = lazyNamed(() => import("./features/home/components/HomePage"), "HomePage");
const MyProfilePage = lazyNamed(() => import("./features/home/components/MyProfilePage"), "MyProfilePage");
const ProfileSettingsPage = lazyNamed(() => import("./features/settings/components/ProfileSettingsPage"), "ProfileSettingsPage");
const ModuleSettingsPage = lazyNamed(() => import("./features/settings/components/ModuleSettingsPage"), "ModuleSettingsPage");
const ModulePage = lazyNamed(() => import("./features/modules/components/ModulePage"), "ModulePage");
const MembersPage = lazyNamed(() => import("./features/members/components/MembersPage"), "MembersPage");
const MemberDetailPage = lazyNamed(() => import("./features/members/components/MemberDetailPage"), "MemberDetailPage");
const MemberCardPage = lazyNamed(() => import("./features/member-card/components/MemberCardPage"), "MemberCardPage");
const PrivacyPage = lazyNamed(() => import("./features/privacy/components/PrivacyPage"), "PrivacyPage");
const ProcessingRecordPage = lazyNamed(() => import("./features/privacy/components/ProcessingRecordPage"), "ProcessingRecordPage");
const PrivacyRequestsPage = lazyNamed(() => import("./features/privacy/components/PrivacyRequestsPage"), "PrivacyRequestsPage");
const MemberCardsPage = lazyNamed(() => import("./features/member-card/components/MemberCardsPage"), "MemberCardsPage");
const ScanCardPage = lazyNamed(() => import("./features/member-card/components/ScanCardPage"), "ScanCardPage");
const MemberImportPage = lazyNamed(() => import("./features/member-import/components/MemberImportPage"), "MemberImportPage");
const OpeningBalancePage = lazyNamed(() => import("./features/member-import/components/OpeningBalancePage"), "OpeningBalancePage");
const StructurePage = lazyNamed(() => import("./features/structure/components/StructurePage"), "StructurePage");
const UsersPage = lazyNamed(() => import("./features/users/components/UsersPage"), "UsersPage");
const AuditPage = lazyNamed(() => import("./features/audit/components/AuditPage"), "AuditPage");
const SecurityPage = lazyNamed(() => import("./features/security/components/SecurityPage"), "SecurityPage");
const TrialBalancePage = lazyNamed(() => import("./features/ledger/components/TrialBalancePage"), "TrialBalancePage");
const ChartOfAccountsPage = lazyNamed(() => import("./features/ledger/components/ChartOfAccountsPage"), "ChartOfAccountsPage");
const GeneralLedgerPage = lazyNamed(() => import("./features/ledger/components/GeneralLedgerPage"), "GeneralLedgerPage");
const JournalsPage = lazyNamed(() => import("./features/ledger/components/JournalsPage"), "JournalsPage");
const JournalDetailPage = lazyNamed(() => import("./features/ledger/components/JournalDetailPage"), "JournalDetailPage");
const ManualJournalPage = lazyNamed(() => import("./features/ledger/components/ManualJournalPage"), "ManualJournalPage");
const TransferPage = lazyNamed(() => import("./features/ledger/components/TransferPage"), "TransferPage");
const CounterPage = lazyNamed(() => import("./features/savings/components/CounterPage"), "CounterPage");
const ProductSettingsPage = lazyNamed(() => import("./features/savings/components/ProductSettingsPage"), "ProductSettingsPage");
const MemberAccountsPage = lazyNamed(() => import("./features/ledger/components/MemberAccountsPage"), "MemberAccountsPage");
const ApplicationsPage = lazyNamed(() => import("./features/membership/components/ApplicationsPage"), "ApplicationsPage");
const LeavingPage = lazyNamed(() => import("./features/membership/components/LeavingPage"), "LeavingPage");
const ScreeningReviewPage = lazyNamed(() => import("./features/membership/components/ScreeningReviewPage"), "ScreeningReviewPage");
const PublicApplicationPage = lazyNamed(() => import("./features/membership/components/PublicApplicationPage"), "PublicApplicationPage");
const ScreeningListsPage = lazyNamed(() => import("./features/operator/components/ScreeningListsPage"), "ScreeningListsPage");
const StatementPage = lazyNamed(() => import("./features/ledger/components/StatementPage"), "StatementPage");
const TransactionPage = lazyNamed(() => import("./features/ledger/components/TransactionPage"), "TransactionPage");
const LoanSimulatorPage = lazyNamed(() => import("./features/loans/components/LoanSimulatorPage"), "LoanSimulatorPage");

function guarded(anyOf: readonly Action[], element: ReactNode): ReactNode {
  return <RequirePermission anyOf={anyOf}>{element}</RequirePermission>;
}

/** The signed-in app's pages, mounted at /app and again at /k/<slug>/app. */
const appPages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "profil-saya", element: guarded(["members.view_self"], <MyProfilePage />) },
  { path: "anggota", element: guarded(["members.view"], <MembersPage />) },
  { path: "kartu", element: guarded(["members.card_self"], <MemberCardPage />) },
  { path: "pindai-kartu", element: guarded(["members.card_resolve"], <ScanCardPage />) },
  { path: "anggota/impor", element: guarded(["members.create", "members.view"], <MemberImportPage />) },
  { path: "anggota/:memberId", element: guarded(["members.view"], <MemberDetailPage />) },
  { path: "anggota/:memberId/kartu", element: guarded(["members.card_issue"], <MemberCardsPage />) },
  { path: "struktur", element: guarded(["structure.view"], <StructurePage />) },
  // Joining, leaving and screening.
  { path: "permohonan-anggota", element: guarded(["members.view", "members.enter_application"], <ApplicationsPage />) },
  { path: "anggota/:memberId/keluar", element: guarded(["members.leave"], <LeavingPage />) },
  { path: "penyaringan", element: guarded(["members.review_screening"], <ScreeningReviewPage />) },
  { path: "pengguna", element: guarded(["users.manage_roles", "users.invite", "users.approve_role_grant"], <UsersPage />) },
  { path: "audit", element: guarded(["koperasi.view_audit"], <AuditPage />) },
  { path: "pengaturan/profil", element: guarded(["koperasi.update_profile"], <ProfileSettingsPage />) },
  { path: "pengaturan/modul", element: guarded(["koperasi.manage_modules"], <ModuleSettingsPage />) },
  { path: "modul/:module", element: <ModulePage /> },
  { path: "keamanan", element: <SecurityPage /> },
  // The ledger (staff) and the member's own accounts.
  { path: "buku-besar/neraca-saldo", element: guarded(["journal.view", "ledger.manage_accounts"], <TrialBalancePage />) },
  { path: "buku-besar/akun", element: guarded(["journal.view", "ledger.manage_accounts"], <ChartOfAccountsPage />) },
  { path: "buku-besar/akun/:accountId", element: guarded(["journal.view"], <GeneralLedgerPage />) },
  { path: "buku-besar/jurnal", element: guarded(["journal.view"], <JournalsPage />) },
  { path: "buku-besar/jurnal/baru", element: guarded(["journal.post_manual"], <ManualJournalPage />) },
  { path: "buku-besar/jurnal/:entryId", element: guarded(["journal.view"], <JournalDetailPage />) },
  { path: "buku-besar/pemindahbukuan", element: guarded(["ledger.transfer"], <TransferPage />) },
  { path: "buku-besar/saldo-awal", element: guarded(["ledger.manage_accounts"], <OpeningBalancePage />) },
  { path: "loket", element: guarded(["savings.deposit", "savings.withdraw"], <CounterPage />) },
  { path: "simpanan/produk", element: guarded(["savings.manage_products"], <ProductSettingsPage />) },
  { path: "rekening", element: guarded(["savings.view", "savings.view_self"], <MemberAccountsPage />) },
  { path: "rekening/:memberAccountId", element: guarded(["savings.view", "savings.view_self"], <StatementPage />) },
  { path: "rekening/:memberAccountId/transaksi/:entryId", element: guarded(["savings.view", "savings.view_self"], <TransactionPage />) },
  { path: "privasi", element: guarded(["privacy.rights_self"], <PrivacyPage />) },
  { path: "permintaan-data", element: guarded(["privacy.manage_requests"], <PrivacyRequestsPage />) },
  { path: "catatan-pemrosesan", element: guarded(["privacy.manage_requests", "koperasi.view_audit"], <ProcessingRecordPage />) },
  { path: "*", element: <NotFoundPage /> },
];

function Root() {
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Outlet />
    </Suspense>
  );
}

function ScopedApp() {
  const { slug = "" } = useParams();
  return (
    <RequireSession loginPath={`/k/${slug}`}>
      <AppLayout />
    </RequireSession>
  );
}

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: "/", element: <LandingPage /> },
      { path: "/daftar", element: <RegistrationPage /> },
      { path: "/masuk", element: <LoginPage /> },
      { path: "/lupa-sandi", element: <ForgotPasswordPage /> },
      { path: "/simulasi-pinjaman", element: <LoanSimulatorPage /> },
      { path: "/undangan/:token", element: <AcceptInvitationPage /> },
      {
        path: "/app",
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: appPages,
      },
      {
        path: "/k/:slug",
        element: <KoperasiScope />,
        children: [
          { index: true, element: <KoperasiLoginPage /> },
          { path: "daftar-anggota", element: <PublicApplicationPage /> },
          { path: "app", element: <ScopedApp />, children: appPages },
        ],
      },
      { path: "/operator", element: <OperatorPage /> },
      {
        path: "/operator/penyaringan",
        element: (
          <RequireSession>
            <ScreeningListsPage />
          </RequireSession>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
