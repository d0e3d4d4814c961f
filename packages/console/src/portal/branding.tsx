import { useQuery } from "@tanstack/react-query";
import type { PortalBranding } from "@tollgate/sdk";
import { useEffect } from "react";
import { client } from "./client.js";

/** The provider's branding, its logo decoded first: its size is known before it is drawn, so nothing moves when it shows. */
export function useBranding() {
  return useQuery({
    queryKey: ["branding"],
    queryFn: async (): Promise<PortalBranding & { logoSize?: { width: number; height: number } }> => {
      const branding = await client.getPortalBranding();
      if (branding.logo === undefined) return branding;
      const image = new Image();
      image.src = branding.logo;
      const decoded = await image.decode().then(
        () => true,
        () => false,
      );
      if (!decoded || image.naturalHeight === 0) return { ...branding, logo: undefined };
      return { ...branding, logoSize: { width: image.naturalWidth, height: image.naturalHeight } };
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** Relative luminance (WCAG 2.x) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White text on the colour, and the colour as text on white, are readable (4.5:1): then it can be the page's accent. */
export function readableOnWhite(hex: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(hex) && 1.05 / (luminance(hex) + 0.05) >= 4.5;
}

const LOGO_HEIGHT = 32;

/**
 * The provider's logo and accent colour in the portal's header. The accent is the header's rule always, and the
 * page's accent (buttons, links, the current tab) when it is readable there; otherwise the page keeps its own.
 */
export function Brand({ branding }: { branding: ReturnType<typeof useBranding>["data"] }) {
  const accent = branding?.accentColor;
  useEffect(() => {
    // Set through the CSSOM: the page's CSP admits no inline style.
    const root = document.documentElement.style;
    if (accent === undefined) return;
    root.setProperty("--brand", accent);
    if (readableOnWhite(accent)) root.setProperty("--accent", accent);
    return () => {
      root.removeProperty("--brand");
      root.removeProperty("--accent");
    };
  }, [accent]);
  if (branding?.logo === undefined || branding.logoSize === undefined) return null;
  const width = Math.round((branding.logoSize.width / branding.logoSize.height) * LOGO_HEIGHT);
  return <img className="brand" src={branding.logo} alt={branding.name} width={width} height={LOGO_HEIGHT} />;
}
