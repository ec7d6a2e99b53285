import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../api/keys";
import {
  appointTerm,
  createEmployee,
  endEmployment,
  endTerm,
  fetchCurrentStructure,
  fetchKasirLogins,
  fetchStructureHistory,
  type Appointment,
  type NewEmployee,
} from "../api/structure";

// Under ["koperasi", id] like every cooperative's data, so switching
// cooperatives drops it; a change refreshes the chart and the history. The
// session is refreshed too: an appointment can change the signed-in
// person's own roles.
const structureKey = (koperasiId: string) => ["koperasi", koperasiId, "structure"] as const;

export function useCurrentStructure(koperasiId: string) {
  return useQuery({ queryKey: [...structureKey(koperasiId), "current"], queryFn: () => fetchCurrentStructure(koperasiId) });
}

export function useStructureHistory(koperasiId: string) {
  return useQuery({ queryKey: [...structureKey(koperasiId), "history"], queryFn: () => fetchStructureHistory(koperasiId) });
}

export function useKasirLogins(koperasiId: string, enabled: boolean) {
  return useQuery({ queryKey: [...structureKey(koperasiId), "kasir-logins"], queryFn: () => fetchKasirLogins(koperasiId), enabled });
}

function useStructureMutation<A, R>(koperasiId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: structureKey(koperasiId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

export const useAppointTerm = (koperasiId: string) => useStructureMutation(koperasiId, (body: Appointment) => appointTerm(koperasiId, body));

export const useEndTerm = (koperasiId: string) =>
  useStructureMutation(koperasiId, ({ termId, endOn }: { termId: string; endOn: string }) => endTerm(koperasiId, termId, endOn));

export const useCreateEmployee = (koperasiId: string) => useStructureMutation(koperasiId, (body: NewEmployee) => createEmployee(koperasiId, body));

export const useEndEmployment = (koperasiId: string) =>
  useStructureMutation(koperasiId, ({ employeeId, endOn }: { employeeId: string; endOn: string }) => endEmployment(koperasiId, employeeId, endOn));
