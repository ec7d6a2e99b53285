import "@mantine/core/styles.css";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import { registerSW } from "virtual:pwa-register";
import { queryKeys } from "./api/keys";
import { isApiError } from "./api/problem";
import { languageReady } from "./i18n";
import { createRouter } from "./router";
import { BrandProvider } from "./theme/BrandProvider";

// A 401 anywhere means the session ended (expired, signed out elsewhere):
// forget it, and the guards send the person to the login page.
function onError(error: unknown, key?: readonly unknown[]) {
  if (isApiError(error) && error.status === 401 && key?.[0] !== queryKeys.session[0]) {
    queryClient.setQueryData(queryKeys.session, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change on retry; a flaky network might.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

registerSW({ immediate: true });
await languageReady;

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrandProvider>
        <RouterProvider router={createRouter()} />
      </BrandProvider>
    </QueryClientProvider>
  </StrictMode>,
);
