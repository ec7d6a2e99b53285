import { Alert, Anchor, Button, Group, Paper, Stack, Stepper, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { KoperasiDetails, RegistrationAdmin, StartRegistration } from "@koperasi/contracts";
import { queryKeys } from "../../../api/keys";
import { ApiError, isApiError, scopeFieldErrors } from "../../../api/problem";
import type { RegistrationState, SubmittedRegistration } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useFormState, withoutEmpty } from "../../../lib/useFormState";
import { fetchSession, switchKoperasi } from "../../auth/api/auth";
import { useSession } from "../../auth/hooks/useSession";
import {
  clearKoperasiDraft,
  clearResumeHandle,
  fetchRegistration,
  loadKoperasiDraft,
  loadResumeHandle,
  loadResumeStep,
  saveKoperasiDraft,
  saveResumeHandle,
  saveResumeStep,
  startRegistration,
  submitRegistration,
  type ResumeHandle,
} from "../api/registration";
import { AdminStep } from "./AdminStep";
import { CodeVerifier } from "./CodeVerifier";
import { DocumentsStep } from "./DocumentsStep";
import { EMPTY_ADMIN, EMPTY_KOPERASI } from "./forms";
import { KoperasiStep } from "./KoperasiStep";
import { RegistrationSummary } from "./RegistrationSummary";

const STEP = { koperasi: 0, admin: 1, verify: 2, documents: 3, submit: 4, done: 5 } as const;

/** Where a resumed registration picks up: where she left off, unless a code is still to be entered. */
function stepFor(state: RegistrationState, leftOff: number | null = null): number {
  if (!(state.emailVerified && state.phoneVerified)) return STEP.verify;
  return leftOff === STEP.submit ? STEP.submit : STEP.documents;
}

export function RegistrationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("registration.title"));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const signedInAs = session.data ? session.data.user.name : null;

  const [handle, setHandle] = useState<ResumeHandle | null>(() => loadResumeHandle());
  const [registration, setRegistration] = useState<RegistrationState | null>(null);
  const [active, setActive] = useState<number>(STEP.koperasi);
  const [submitted, setSubmitted] = useState<SubmittedRegistration | null>(null);
  const [notice, setNotice] = useState<"resumeFailed" | "alreadySubmitted" | null>(null);
  // On a phone five labelled steps do not fit in a row: numbers only, and the step named above.
  const wide = useMediaQuery("(min-width: 40em)", true);
  const stepTitles = [
    t("registration.steps.koperasi"),
    t("registration.steps.admin"),
    t("registration.steps.verify"),
    t("registration.steps.documents"),
    t("registration.steps.submit"),
  ];
  const label = (index: number) => (wide ? stepTitles[index] : undefined);
  // Its number (what the step shows on a phone) and its title, so a screen reader says what is seen.
  const stepName = (index: number) => `${index + 1} ${stepTitles[index]}`;
  const [koperasiDraft] = useState(() => loadKoperasiDraft(EMPTY_KOPERASI));
  const koperasiForm = useFormState(koperasiDraft);
  const adminForm = useFormState(EMPTY_ADMIN);

  // Someone signed in registers under her own login: prefill who she is.
  const user = session.data?.user;
  const { setValues: setAdminValues } = adminForm;
  useEffect(() => {
    if (user) setAdminValues((v) => ({ ...v, name: v.name || user.name, email: v.email || user.email, phone: v.phone || (user.phone ?? "") }));
  }, [user, setAdminValues]);

  const resume = useQuery({
    queryKey: queryKeys.registration(handle?.registrationId ?? ""),
    queryFn: () => fetchRegistration(handle as ResumeHandle),
    enabled: Boolean(handle) && !registration,
    retry: false,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (registration) return;
    if (resume.data) {
      if (resume.data.submitted) {
        clearResumeHandle();
        setHandle(null);
        setNotice("alreadySubmitted");
        return;
      }
      setRegistration(resume.data);
      setActive(stepFor(resume.data, loadResumeStep()));
    } else if (resume.isError) {
      clearResumeHandle();
      setHandle(null);
      setNotice("resumeFailed");
    }
  }, [resume.data, resume.isError, registration]);

  const start = useMutation({
    mutationFn: async (body: StartRegistration) => {
      const state = await startRegistration(body);
      // Without its token the registration could not be continued: better to say so now.
      if (!state.resumeToken) throw new ApiError({ status: 0, code: "invalid_response", detail: t("errors.invalidResponse") });
      return { state, resumeToken: state.resumeToken };
    },
    onSuccess: ({ state, resumeToken }) => {
      const next = { registrationId: state.registrationId, resumeToken };
      saveResumeHandle(next);
      clearKoperasiDraft();
      setHandle(next);
      setRegistration(state);
      // Someone signed in registers with contacts her account has already verified.
      setActive(stepFor(state));
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const koperasiErrors = scopeFieldErrors(error.fieldErrors, "koperasi");
      adminForm.setErrors(scopeFieldErrors(error.fieldErrors, "admin"));
      if (Object.keys(koperasiErrors).length > 0) {
        koperasiForm.setErrors(koperasiErrors);
        setActive(STEP.koperasi);
      }
    },
  });

  const submit = useMutation({
    mutationFn: () => submitRegistration(handle as ResumeHandle),
    onSuccess: (result) => {
      clearResumeHandle();
      setSubmitted(result);
      setActive(STEP.done);
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });

  const openApp = useMutation({
    mutationFn: async (koperasiId: string) => {
      const current = await queryClient.fetchQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: 0 });
      if (current && current.activeKoperasiId !== koperasiId && current.memberships.some((m) => m.koperasiId === koperasiId)) {
        queryClient.setQueryData(queryKeys.session, await switchKoperasi(koperasiId));
      }
      return current;
    },
    onSuccess: (current) => navigate(current ? "/app" : "/masuk"),
  });

  const restart = () => {
    clearResumeHandle();
    setHandle(null);
    setRegistration(null);
    setSubmitted(null);
    setNotice(null);
    start.reset();
    submit.reset();
    koperasiForm.reset();
    adminForm.reset();
    setActive(STEP.koperasi);
  };

  const koperasiPayload = () => withoutEmpty(koperasiForm.values);

  const nextFromKoperasi = () => {
    if (registration) return setActive(STEP.admin);
    const valid = koperasiForm.validate(KoperasiDetails, koperasiPayload());
    // The server wants at least one of the two numbers: a second registration of the same cooperative is refused by them.
    const { nomorIndukKoperasi, nomorBadanHukum } = koperasiForm.values;
    if (!nomorIndukKoperasi.trim() && !nomorBadanHukum.trim()) {
      const message = t("registration.identityRule");
      koperasiForm.setErrors((errors) => ({ ...errors, nomorIndukKoperasi: message, nomorBadanHukum: message }));
      return;
    }
    if (valid) setActive(STEP.admin);
  };

  const submitAdmin = () => {
    if (registration) return setActive(STEP.verify);
    const admin = withoutEmpty(signedInAs ? { ...adminForm.values, password: "" } : adminForm.values);
    if (!adminForm.validate(RegistrationAdmin, admin)) return;
    if (!signedInAs && !admin.password) {
      adminForm.setErrors({ password: t("registration.passwordRequired") });
      return;
    }
    const body = { koperasi: koperasiPayload(), admin };
    const parsed = StartRegistration.safeParse(body);
    if (!parsed.success) {
      // The steps above validated each half; this only guards against a stale first step.
      if (!koperasiForm.validate(KoperasiDetails, body.koperasi)) setActive(STEP.koperasi);
      return;
    }
    start.mutate(parsed.data);
  };

  // Until the registration is started, the first step's answers are kept on this device.
  const koperasiValues = koperasiForm.values;
  useEffect(() => {
    if (!registration) saveKoperasiDraft(koperasiValues);
  }, [koperasiValues, registration]);
  useEffect(() => {
    if (registration && active <= STEP.submit) saveResumeStep(active);
  }, [registration, active]);

  const locked = registration !== null;
  const verified = registration ? registration.emailVerified && registration.phoneVerified : false;

  return (
    <PublicLayout size="sm">
      <Stack>
        <Title order={1} size="h2">
          {t("registration.title")}
        </Title>
        {notice === "resumeFailed" && (
          <Alert color="yellow" variant="light" withCloseButton onClose={() => setNotice(null)}>
            {t("registration.resumeFailed")}
          </Alert>
        )}
        {notice === "alreadySubmitted" && (
          <Alert color="blue" variant="light">
            {t("registration.alreadySubmitted")}{" "}
            <Anchor component={Link} to="/masuk">
              {t("landing.login")}
            </Anchor>
          </Alert>
        )}
        {handle && !registration && resume.isPending ? (
          <Text c="dimmed">{t("registration.resuming")}</Text>
        ) : (
          <Paper withBorder p={{ base: "sm", sm: "lg" }} radius="md">
            {!wide && active < STEP.done && (
              <Text fw={700} mb="xs" data-testid="registration-step">
                {t("registration.stepOf", { n: active + 1, total: stepTitles.length, title: stepTitles[active] })}
              </Text>
            )}
            <Stepper
              active={active}
              onStepClick={(step) => {
                if (step < active && active !== STEP.done) setActive(step);
              }}
              allowNextStepsSelect={false}
              size="sm"
              iconSize={28}
            >
              <Stepper.Step label={label(0)} aria-label={stepName(0)}>
                {locked && registration ? (
                  <LockedStep registration={registration} onNext={() => setActive(STEP.admin)} />
                ) : (
                  <KoperasiStep form={koperasiForm} onNext={nextFromKoperasi} />
                )}
              </Stepper.Step>
              <Stepper.Step label={label(1)} aria-label={stepName(1)}>
                {locked && registration ? (
                  <LockedStep registration={registration} onNext={() => setActive(STEP.verify)} />
                ) : (
                  <Stack>
                    <ErrorAlert error={start.error} />
                    <AdminStep form={adminForm} signedInAs={signedInAs} pending={start.isPending} onBack={() => setActive(STEP.koperasi)} onSubmit={submitAdmin} />
                  </Stack>
                )}
              </Stepper.Step>
              <Stepper.Step label={label(2)} aria-label={stepName(2)}>
                {handle && registration && (
                  <Stack gap="lg">
                    <Text size="sm">{verified ? t("registration.allVerified") : t("registration.verifyIntro")}</Text>
                    <CodeVerifier handle={handle} channel="email" destination={registration.admin.email} verified={registration.emailVerified} onVerified={setRegistration} />
                    <CodeVerifier handle={handle} channel="phone" destination={registration.admin.phone} verified={registration.phoneVerified} onVerified={setRegistration} />
                    <Group justify="flex-end">
                      <Button onClick={() => setActive(STEP.documents)} disabled={!verified}>
                        {t("common.next")}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Stepper.Step>
              <Stepper.Step label={label(3)} aria-label={stepName(3)}>
                {handle && registration && (
                  <DocumentsStep
                    handle={handle}
                    registration={registration}
                    onChange={setRegistration}
                    onBack={() => setActive(STEP.verify)}
                    onNext={() => setActive(STEP.submit)}
                  />
                )}
              </Stepper.Step>
              <Stepper.Step label={label(4)} aria-label={stepName(4)}>
                {registration && (
                  <Stack>
                    <Text size="sm">{t("registration.submitIntro")}</Text>
                    <RegistrationSummary registration={registration} />
                    <ErrorAlert error={submit.error} />
                    <Group justify="space-between">
                      <Button variant="default" onClick={() => setActive(STEP.documents)}>
                        {t("common.back")}
                      </Button>
                      <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={!verified}>
                        {t("registration.submit")}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Stepper.Step>
              <Stepper.Completed>
                {submitted && (
                  <Stack data-testid="registration-result">
                    {submitted.koperasi.status === "approved" ? (
                      <Alert color="green" variant="light" title={t("registration.approvedTitle")}>
                        {t("registration.approved", { name: submitted.koperasi.name })}
                      </Alert>
                    ) : (
                      <Alert color="yellow" variant="light" title={t("registration.pendingTitle")}>
                        {t("registration.pending", { name: submitted.koperasi.name })}
                      </Alert>
                    )}
                    <Text size="sm">
                      {t("registration.ownAddress")}{" "}
                      <Anchor component={Link} to={`/k/${submitted.koperasi.slug}`}>
                        {`${window.location.origin}/k/${submitted.koperasi.slug}`}
                      </Anchor>
                    </Text>
                    <ErrorAlert error={openApp.error} />
                    <Group>
                      <Button onClick={() => openApp.mutate(submitted.koperasi.id)} loading={openApp.isPending}>
                        {t("registration.openApp")}
                      </Button>
                    </Group>
                  </Stack>
                )}
              </Stepper.Completed>
            </Stepper>
          </Paper>
        )}
        {registration && active < STEP.done && (
          <Group>
            <Button variant="subtle" color="red" size="xs" onClick={restart}>
              {t("registration.restart")}
            </Button>
          </Group>
        )}
        {!signedInAs && (
          <Text size="sm">
            {t("registration.haveAccount")}{" "}
            <Anchor component={Link} to="/masuk">
              {t("landing.login")}
            </Anchor>
          </Text>
        )}
      </Stack>
    </PublicLayout>
  );
}

/** The first two steps once the registration exists: what was sent (starting over is below the steps). */
function LockedStep({ registration, onNext }: { registration: RegistrationState; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert variant="light">{t("registration.lockedHint")}</Alert>
      <RegistrationSummary registration={registration} />
      <Group justify="flex-end">
        <Button onClick={onNext}>{t("common.next")}</Button>
      </Group>
    </Stack>
  );
}
