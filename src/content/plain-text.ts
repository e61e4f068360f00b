/**
 * Markdown as the plain text a spreadsheet cell or a line of a list shows: what a reader sees
 * of it, without its marks. Bold, italics, strike-through and code lose their `**`, `_`, `~~`
 * and backticks; a link keeps its text, not its address; an image its description; raw HTML is
 * dropped; blocks (paragraphs, list items, table rows) follow each other on one line. Marked's
 * lexer reads the Markdown, so what counts as a mark is exactly what the app renders as one.
 * Loaded on demand (exports, the class summary), never on a page's first load.
 */
import { Lexer, type Token, type Tokens } from 'marked';

const OPTIONS = { gfm: true, breaks: false };

/** The plain text of one Markdown text, on one line. */
export function plainText(markdown: string): string {
  // What the page's sanitiser removes with its content, the plain text leaves out too.
  const shown = markdown.replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  const text = blocks(Lexer.lex(shown, OPTIONS)).join(' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Character references a page would show as their character (`&amp;` as &, `&#39;` as '). */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The plain text of a `{ zh, en }` Markdown text. */
export function plainTitle(text: { zh: string; en: string }): { zh: string; en: string } {
  return { zh: plainText(text.zh), en: plainText(text.en) };
}

function blocks(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token): string[] => {
    switch (token.type) {
      case 'paragraph':
      case 'heading':
        return [inline((token as Tokens.Paragraph).tokens)];
      case 'text': {
        const t = token as Tokens.Text;
        return [t.tokens ? inline(t.tokens) : t.text];
      }
      case 'blockquote':
        return blocks((token as Tokens.Blockquote).tokens);
      case 'list': {
        const list = token as Tokens.List;
        const first = typeof list.start === 'number' ? list.start : 1;
        return list.items.map((item, i) => {
          const text = blocks(item.tokens).join(' ');
          return list.ordered ? `${first + i}. ${text}` : `• ${text}`;
        });
      }
      case 'code':
        return [(token as Tokens.Code).text];
      case 'table': {
        const table = token as Tokens.Table;
        return [table.header, ...table.rows].map((row) =>
          row.map((cell) => inline(cell.tokens)).join(' | '),
        );
      }
      default:
        // space, hr, def, html: nothing a reader sees as text.
        return [];
    }
  });
}

function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case 'text':
        case 'strong':
        case 'em':
        case 'del':
        case 'link': {
          const t = token as Tokens.Text;
          return t.tokens ? inline(t.tokens) : t.text;
        }
        case 'codespan':
        case 'escape':
        case 'image':
          return (token as Tokens.Codespan).text;
        case 'br':
          return ' ';
        default:
          // html tags, checkboxes
          return '';
      }
    })
    .join('');
}
