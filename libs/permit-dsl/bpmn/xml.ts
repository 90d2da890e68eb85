// XML text: escaping and an indenting writer.

/** Drops characters XML 1.0 cannot carry at all. */
function xmlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

export function escapeText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export class Xml {
  private lines: string[] = [];
  private depth = 0;

  open(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}): this {
    this.lines.push(`${this.pad()}<${tag}${attrText(attrs)}>`);
    this.depth++;
    return this;
  }
  close(tag: string): this {
    this.depth--;
    this.lines.push(`${this.pad()}</${tag}>`);
    return this;
  }
  empty(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}): this {
    this.lines.push(`${this.pad()}<${tag}${attrText(attrs)} />`);
    return this;
  }
  text(tag: string, text: string, attrs: Record<string, string | number | boolean | undefined> = {}): this {
    this.lines.push(`${this.pad()}<${tag}${attrText(attrs)}>${escapeText(text)}</${tag}>`);
    return this;
  }
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
  private pad(): string {
    return '  '.repeat(this.depth);
  }
}

function attrText(attrs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}
