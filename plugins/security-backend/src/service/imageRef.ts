/** An image reference split into what findings join on. */
export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * `ghcr.io/acme/app:1.2@sha256:…` → repository `ghcr.io/acme/app`, tag, digest. Docker Hub's
 * implicit prefixes are dropped so that `alpine` and `docker.io/library/alpine` are one image.
 */
export function parseImageRef(reference: string): ImageRef {
  let rest = reference.trim().toLowerCase();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  rest = rest.replace(/^(index\.)?docker\.io\/(library\/)?/, '');
  return {
    repository: rest,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** The repositories an annotation names: a comma- or space-separated list of image references. */
export function repositoriesOf(annotation: string | undefined): string[] {
  if (!annotation) return [];
  const all = annotation
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(reference => parseImageRef(reference).repository)
    .filter(Boolean);
  return [...new Set(all)].sort();
}

/** The canonical spelling of an image reference: repository, then `:tag`, then `@digest`. */
export function imageArtifact(ref: ImageRef): string {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${
    ref.digest ? `@${ref.digest}` : ''
  }`;
}
