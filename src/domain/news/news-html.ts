/**
 * The one HTML policy of news bodies, applied when a body is written AND
 * again whenever it is read (the stored text is never trusted). Server only:
 * sanitize-html is not part of the web bundle; the browser shows what the
 * server answered, already cleaned.
 */
import sanitizeHtml from 'sanitize-html';
import { paragraphsFromText } from './news.ts';

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h2',
    'h3',
    'a',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Dropped with their content: a script's text must not show up as prose.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links leave the site safely: no opener, no referrer, no ranking credit.
    a: sanitizeHtml.simpleTransform(
      'a',
      { rel: 'noopener noreferrer nofollow', target: '_blank' },
      true,
    ),
  },
  allowedSchemesByTag: {},
};

// The transform adds rel/target; they must survive the attribute filter.
POLICY.allowedAttributes = { a: ['href', 'title', 'rel', 'target'] };

/** Clean HTML for a news body (plain text becomes paragraphs first). */
export function sanitizeNewsHtml(body: string): string {
  return sanitizeHtml(paragraphsFromText(body), POLICY).trim();
}
