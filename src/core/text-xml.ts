import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalidInput } from './errors';

/** A parsed XML element: its children by name, attributes as `@name`. */
export type XmlNode = { [name: string]: unknown };

/**
 * Reads an XML file a person gives finagg (a CAMT statement, the ECB's rates) as text
 * nodes: values stay strings ("00123" is a reference, "0.85570" a rate read exactly),
 * namespace prefixes dropped, the named elements always lists. A file that declares a
 * DOCTYPE or entities is refused (it could expand without bound), and one that is not
 * well-formed is refused in one line naming `what` it should have been and the `file` it is.
 */
export function readTextXml(text: string, what: string, file: string, lists: ReadonlySet<string>): XmlNode {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw invalidInput(`the XML file declares a DOCTYPE or entities: it is not ${what}`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw invalidInput(`${file} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => lists.has(name),
  });
  // The validator passes a few shapes the parser then refuses (a `<?"xml` declaration).
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    throw invalidInput(`${file} is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
}
